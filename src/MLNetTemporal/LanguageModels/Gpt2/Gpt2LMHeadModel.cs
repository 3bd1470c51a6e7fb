using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MLNetTemporal.LanguageModels.Gpt2;

/// <summary>Hugging Face's <c>GPT2Model</c>: <c>wte</c>, <c>wpe</c>, blocks <c>h.{i}</c>, <c>ln_f</c>.</summary>
internal sealed class Gpt2Model : nn.Module
{
    public readonly Embedding wte;
    public readonly Embedding wpe;
    public readonly ModuleList<Gpt2Block> h;
    public readonly LayerNorm ln_f;

    public Gpt2Model(LanguageModelConfig config) : base("transformer")
    {
        wte = nn.Embedding(config.VocabSize, config.HiddenSize);
        wpe = nn.Embedding(config.MaxPositions, config.HiddenSize);
        h = new ModuleList<Gpt2Block>(Enumerable.Range(0, config.NumLayers).Select(i => new Gpt2Block(config, i)).ToArray());
        ln_f = nn.LayerNorm(config.HiddenSize, config.NormEpsilon);
        RegisterComponents();
    }
}

/// <summary>Hugging Face's <c>GPT2LMHeadModel</c>, with the LM head tied to <c>transformer.wte</c> unless configured otherwise.</summary>
public sealed class Gpt2LMHeadModel : CausalLanguageModel
{
    private readonly Gpt2Model transformer;
    private readonly IReadOnlyList<nn.Module<BlockInput, Tensor>> _blocks;

    public Gpt2LMHeadModel(LanguageModelConfig config) : base("GPT2LMHeadModel", config)
    {
        transformer = new Gpt2Model(config);
        _blocks = transformer.h.ToList();
        RegisterComponents();
        RegisterHead();
    }

    public override Parameter TokenEmbeddingWeight => transformer.wte.weight!;

    protected override bool IsConstantBuffer(string key) =>
        key.EndsWith(".attn.bias", StringComparison.Ordinal) ||
        key.EndsWith(".attn.masked_bias", StringComparison.Ordinal);

    protected override IReadOnlyList<nn.Module<BlockInput, Tensor>> Blocks => _blocks;

    protected override bool HasLearnedPositions => true;

    protected override Tensor Embed(Tensor inputIds, Tensor positionIds)
    {
        var x = transformer.wte.call(inputIds) + transformer.wpe.call(positionIds);
        return training && Config.EmbeddingDropout > 0 ? F.dropout(x, Config.EmbeddingDropout, true) : x;
    }

    protected override Tensor FinalNorm(Tensor hidden) => transformer.ln_f.call(hidden);

    protected override bool IsResidualProjection(string name) => name.EndsWith("c_proj.weight", StringComparison.Ordinal);
}
