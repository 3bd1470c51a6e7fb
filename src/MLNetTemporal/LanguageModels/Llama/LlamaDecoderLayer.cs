using TorchSharp;
using static TorchSharp.torch;

namespace MLNetTemporal.LanguageModels.Llama;

/// <summary>One Llama block: <c>input_layernorm</c>, <c>self_attn</c>, <c>post_attention_layernorm</c>, <c>mlp</c>.</summary>
internal sealed class LlamaDecoderLayer : nn.Module<BlockInput, Tensor>
{
    private readonly RmsNorm input_layernorm;
    private readonly LlamaAttention self_attn;
    private readonly RmsNorm post_attention_layernorm;
    private readonly LlamaMlp mlp;
    private readonly Hooks.LayerHookNames _names;

    public LlamaDecoderLayer(LanguageModelConfig config, int layer) : base(layer.ToString(System.Globalization.CultureInfo.InvariantCulture))
    {
        _names = Hooks.HookNames.Layer(layer);
        input_layernorm = new RmsNorm(config.HiddenSize, config.NormEpsilon);
        self_attn = new LlamaAttention(config, layer);
        post_attention_layernorm = new RmsNorm(config.HiddenSize, config.NormEpsilon);
        mlp = new LlamaMlp(config, layer);
        RegisterComponents();
    }

    public override Tensor forward(BlockInput input)
    {
        var ctx = input.Context;
        var x = ctx.Hook(_names.ResidPre, input.Hidden);
        x = ctx.Hook(_names.ResidMid, x + ctx.Hook(_names.AttentionOutput, self_attn.call(new BlockInput(input_layernorm.call(x), ctx))));
        return ctx.Hook(_names.ResidPost, x + ctx.Hook(_names.MlpOutput, mlp.call(new BlockInput(post_attention_layernorm.call(x), ctx))));
    }
}
