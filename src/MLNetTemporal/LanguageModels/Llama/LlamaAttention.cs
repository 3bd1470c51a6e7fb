using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetTemporal.LanguageModels.Llama;

/// <summary>Grouped-query self-attention with rotary positions: <c>q_proj</c>, <c>k_proj</c>, <c>v_proj</c>, <c>o_proj</c>.</summary>
internal sealed class LlamaAttention : nn.Module<BlockInput, Tensor>
{
    private readonly Linear q_proj;
    private readonly Linear k_proj;
    private readonly Linear v_proj;
    private readonly Linear o_proj;
    private readonly int _heads;
    private readonly int _kvHeads;
    private readonly int _headDim;
    private readonly double _dropout;
    private readonly Hooks.LayerHookNames _names;

    public LlamaAttention(LanguageModelConfig config, int layer) : base("self_attn")
    {
        _heads = config.NumHeads;
        _kvHeads = config.NumKeyValueHeads;
        _headDim = config.HeadDim;
        _dropout = config.AttentionDropout;
        _names = Hooks.HookNames.Layer(layer);
        q_proj = nn.Linear(config.HiddenSize, (long)_heads * _headDim, hasBias: config.QkvBias);
        k_proj = nn.Linear(config.HiddenSize, (long)_kvHeads * _headDim, hasBias: config.QkvBias);
        v_proj = nn.Linear(config.HiddenSize, (long)_kvHeads * _headDim, hasBias: config.QkvBias);
        o_proj = nn.Linear((long)_heads * _headDim, config.HiddenSize, hasBias: config.OutputBias);
        RegisterComponents();
    }

    public override Tensor forward(BlockInput input)
    {
        var (x, ctx) = input;
        long b = x.shape[0], t = x.shape[1];
        var q = q_proj.call(x).view(b, t, _heads, _headDim).transpose(1, 2);
        var k = k_proj.call(x).view(b, t, _kvHeads, _headDim).transpose(1, 2);
        var v = v_proj.call(x).view(b, t, _kvHeads, _headDim).transpose(1, 2);
        q = ctx.Hook(_names.Query, RotaryEmbedding.Apply(q, ctx.RotaryCos!, ctx.RotarySin!));
        (k, v) = AttentionCore.WithPast(RotaryEmbedding.Apply(k, ctx.RotaryCos!, ctx.RotarySin!), v, ctx, _names.Index);
        k = ctx.Hook(_names.Key, k);
        v = ctx.Hook(_names.Value, v);
        int groups = _heads / _kvHeads;
        var z = AttentionCore.Attend(q, AttentionCore.RepeatKv(k, groups), AttentionCore.RepeatKv(v, groups), ctx, _names,
            training ? _dropout : 0).transpose(1, 2);
        z = ctx.Hook(_names.HeadOutputs, z);
        return o_proj.call(z.reshape(b, t, _heads * _headDim));
    }
}
