using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MLNetTemporal.LanguageModels.Llama;

/// <summary>Hugging Face's <c>LlamaModel</c>: <c>embed_tokens</c>, <c>layers.{i}</c>, <c>norm</c>.</summary>
internal sealed class LlamaModel : nn.Module
{
    public readonly Embedding embed_tokens;
    public readonly ModuleList<LlamaDecoderLayer> layers;
    public readonly RmsNorm norm;

    public LlamaModel(LanguageModelConfig config) : base("model")
    {
        embed_tokens = nn.Embedding(config.VocabSize, config.HiddenSize);
        layers = new ModuleList<LlamaDecoderLayer>(Enumerable.Range(0, config.NumLayers).Select(i => new LlamaDecoderLayer(config, i)).ToArray());
        norm = new RmsNorm(config.HiddenSize, config.NormEpsilon);
        RegisterComponents();
    }
}

/// <summary>
/// Hugging Face's <c>LlamaForCausalLM</c>; the same module serves Qwen2 (q/k/v biases) and Mistral configs (whose
/// sliding window equals full attention for sequences no longer than the window).
/// </summary>
public sealed class LlamaForCausalLM : CausalLanguageModel
{
    private readonly LlamaModel model;
    private readonly IReadOnlyList<nn.Module<BlockInput, Tensor>> _blocks;

    public LlamaForCausalLM(LanguageModelConfig config) : base("LlamaForCausalLM", config)
    {
        model = new LlamaModel(config);
        _blocks = model.layers.ToList();
        RegisterComponents();
        RegisterHead();
    }

    public override Parameter TokenEmbeddingWeight => model.embed_tokens.weight!;

    protected override bool IsConstantBuffer(string key) => key.EndsWith("rotary_emb.inv_freq", StringComparison.Ordinal);

    protected override IReadOnlyList<nn.Module<BlockInput, Tensor>> Blocks => _blocks;

    protected override Tensor Embed(Tensor inputIds, Tensor positionIds) => model.embed_tokens.call(inputIds);

    protected override (Tensor? Cos, Tensor? Sin) RotaryTables(Tensor positionIds, ScalarType dtype) =>
        RotaryEmbedding.Tables(positionIds, Config.HeadDim, Config.RopeTheta, dtype);

    protected override Tensor FinalNorm(Tensor hidden) => model.norm.call(hidden);
}
