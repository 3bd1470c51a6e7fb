using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetTemporal.LanguageModels.Gpt2;

/// <summary>One pre-norm GPT-2 block: <c>ln_1</c>, <c>attn</c>, <c>ln_2</c>, <c>mlp</c>.</summary>
internal sealed class Gpt2Block : nn.Module<BlockInput, Tensor>
{
    private readonly LayerNorm ln_1;
    private readonly Gpt2Attention attn;
    private readonly LayerNorm ln_2;
    private readonly Gpt2Mlp mlp;
    private readonly Hooks.LayerHookNames _names;

    internal Gpt2Block(LanguageModelConfig config, int layer) : base(layer.ToString(System.Globalization.CultureInfo.InvariantCulture))
    {
        _names = Hooks.HookNames.Layer(layer);
        ln_1 = nn.LayerNorm(config.HiddenSize, config.NormEpsilon);
        attn = new Gpt2Attention(config, layer);
        ln_2 = nn.LayerNorm(config.HiddenSize, config.NormEpsilon);
        mlp = new Gpt2Mlp(config, layer);
        RegisterComponents();
    }

    public override Tensor forward(BlockInput input)
    {
        var ctx = input.Context;
        var x = ctx.Hook(_names.ResidPre, input.Hidden);
        x = ctx.Hook(_names.ResidMid, x + ctx.Hook(_names.AttentionOutput, attn.call(new BlockInput(ln_1.call(x), ctx))));
        return ctx.Hook(_names.ResidPost, x + ctx.Hook(_names.MlpOutput, mlp.call(new BlockInput(ln_2.call(x), ctx))));
    }
}
