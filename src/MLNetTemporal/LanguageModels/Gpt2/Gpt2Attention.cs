using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MLNetTemporal.LanguageModels.Gpt2;

/// <summary>GPT-2 multi-head self-attention: fused q/k/v projection <c>c_attn</c>, output projection <c>c_proj</c>.</summary>
internal sealed class Gpt2Attention : nn.Module<BlockInput, Tensor>
{
    private readonly Conv1D c_attn;
    private readonly Conv1D c_proj;
    private readonly int _heads;
    private readonly int _headDim;
    private readonly double _attnDropout;
    private readonly double _residDropout;
    private readonly Hooks.LayerHookNames _names;

    internal Gpt2Attention(LanguageModelConfig config, int layer) : base("attn")
    {
        _heads = config.NumHeads;
        _headDim = config.HeadDim;
        _attnDropout = config.AttentionDropout;
        _residDropout = config.ResidualDropout;
        _names = Hooks.HookNames.Layer(layer);
        c_attn = new Conv1D("c_attn", config.HiddenSize, 3L * config.HiddenSize);
        c_proj = new Conv1D("c_proj", config.HiddenSize, config.HiddenSize);
        RegisterComponents();
    }

    public override Tensor forward(BlockInput input)
    {
        var (x, ctx) = input;
        long b = x.shape[0], t = x.shape[1];
        var qkv = c_attn.call(x).view(b, t, 3, _heads, _headDim).permute(2, 0, 3, 1, 4);
        var q = ctx.Hook(_names.Query, qkv[0]);
        var (k, v) = AttentionCore.WithPast(qkv[1], qkv[2], ctx, _names.Index);
        k = ctx.Hook(_names.Key, k);
        v = ctx.Hook(_names.Value, v);
        var z = AttentionCore.Attend(q, k, v, ctx, _names, training ? _attnDropout : 0).transpose(1, 2);
        z = ctx.Hook(_names.HeadOutputs, z);
        var output = c_proj.call(z.reshape(b, t, _heads * _headDim));
        return training && _residDropout > 0 ? F.dropout(output, _residDropout, true) : output;
    }
}
