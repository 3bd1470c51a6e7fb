using MLNetTemporal.LanguageModels;
using MLNetTemporal.LanguageModels.Hooks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetTemporal.Extensibility.Tests.ToyArchitecture;

/// <summary>
/// A small pre-norm transformer the library does not know: learned positions, LayerNorm, multi-head attention with
/// separate projections, a ReLU MLP, an untied head. Fields carry the checkpoint names
/// (<c>model.layers.{i}.attn.q_proj.weight</c>, …), so saving and loading need nothing beyond the module itself.
/// </summary>
public sealed class ToyForCausalLM : CausalLanguageModel
{
    private readonly ToyModel model;
    private readonly IReadOnlyList<nn.Module<BlockInput, Tensor>> _blocks;

    public ToyForCausalLM(LanguageModelConfig config) : base("ToyForCausalLM", config)
    {
        model = new ToyModel(config);
        _blocks = model.layers.ToList();
        RegisterComponents();
        RegisterHead();
    }

    public override Parameter TokenEmbeddingWeight => model.embed_tokens.weight!;

    protected override IReadOnlyList<nn.Module<BlockInput, Tensor>> Blocks => _blocks;

    protected override bool HasLearnedPositions => true;

    protected override Tensor Embed(Tensor inputIds, Tensor positionIds) =>
        model.embed_tokens.call(inputIds) + model.embed_positions.call(positionIds);

    protected override Tensor FinalNorm(Tensor hidden) => model.final_norm.call(hidden);
}

internal sealed class ToyModel : nn.Module
{
    public readonly Embedding embed_tokens;
    public readonly Embedding embed_positions;
    public readonly ModuleList<ToyBlock> layers;
    public readonly LayerNorm final_norm;

    public ToyModel(LanguageModelConfig config) : base("model")
    {
        embed_tokens = nn.Embedding(config.VocabSize, config.HiddenSize);
        embed_positions = nn.Embedding(config.MaxPositions, config.HiddenSize);
        layers = new ModuleList<ToyBlock>(Enumerable.Range(0, config.NumLayers).Select(i => new ToyBlock(config, i)).ToArray());
        final_norm = nn.LayerNorm(config.HiddenSize, config.NormEpsilon);
        RegisterComponents();
    }
}

/// <summary>One block; every activation passes through the context's hooks under its TransformerLens name.</summary>
internal sealed class ToyBlock : nn.Module<BlockInput, Tensor>
{
    private readonly LayerNorm attn_norm;
    private readonly ToyAttention attn;
    private readonly LayerNorm mlp_norm;
    private readonly Linear fc_in;
    private readonly Linear fc_out;
    private readonly LayerHookNames _names;

    public ToyBlock(LanguageModelConfig config, int layer) : base(layer.ToString(System.Globalization.CultureInfo.InvariantCulture))
    {
        _names = HookNames.Layer(layer);
        attn_norm = nn.LayerNorm(config.HiddenSize, config.NormEpsilon);
        attn = new ToyAttention(config, _names);
        mlp_norm = nn.LayerNorm(config.HiddenSize, config.NormEpsilon);
        fc_in = nn.Linear(config.HiddenSize, config.IntermediateSize);
        fc_out = nn.Linear(config.IntermediateSize, config.HiddenSize);
        RegisterComponents();
    }

    public override Tensor forward(BlockInput input)
    {
        var ctx = input.Context;
        var x = ctx.Hook(_names.ResidPre, input.Hidden);
        x = ctx.Hook(_names.ResidMid, x + ctx.Hook(_names.AttentionOutput, attn.call(new BlockInput(attn_norm.call(x), ctx))));
        var pre = ctx.Hook(_names.MlpPre, fc_in.call(mlp_norm.call(x)));
        var post = ctx.Hook(_names.MlpPost, nn.functional.relu(pre));
        return ctx.Hook(_names.ResidPost, x + ctx.Hook(_names.MlpOutput, fc_out.call(post)));
    }
}

/// <summary>Projections of its own; caching, masking and the score/pattern hooks come from the library's attention.</summary>
internal sealed class ToyAttention : nn.Module<BlockInput, Tensor>
{
    private readonly Linear q_proj;
    private readonly Linear k_proj;
    private readonly Linear v_proj;
    private readonly Linear o_proj;
    private readonly int _heads;
    private readonly int _headDim;
    private readonly LayerHookNames _names;

    public ToyAttention(LanguageModelConfig config, LayerHookNames names) : base("attn")
    {
        _heads = config.NumHeads;
        _headDim = config.HeadDim;
        _names = names;
        q_proj = nn.Linear(config.HiddenSize, config.HiddenSize);
        k_proj = nn.Linear(config.HiddenSize, config.HiddenSize);
        v_proj = nn.Linear(config.HiddenSize, config.HiddenSize);
        o_proj = nn.Linear(config.HiddenSize, config.HiddenSize);
        RegisterComponents();
    }

    public override Tensor forward(BlockInput input)
    {
        var (x, ctx) = input;
        long b = x.shape[0], t = x.shape[1];
        var q = ctx.Hook(_names.Query, Heads(q_proj.call(x), b, t));
        var (k, v) = AttentionCore.WithPast(Heads(k_proj.call(x), b, t), Heads(v_proj.call(x), b, t), ctx, _names.Index);
        var z = ctx.Hook(_names.HeadOutputs, AttentionCore.Attend(q, k, v, ctx, _names, dropout: 0).transpose(1, 2));
        return o_proj.call(z.reshape(b, t, _heads * _headDim));
    }

    private Tensor Heads(Tensor x, long b, long t) => x.view(b, t, _heads, _headDim).transpose(1, 2);
}
