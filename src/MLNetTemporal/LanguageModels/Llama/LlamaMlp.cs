using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetTemporal.LanguageModels.Llama;

/// <summary>SwiGLU feed-forward: <c>down_proj(act(gate_proj(x)) * up_proj(x))</c>.</summary>
internal sealed class LlamaMlp : nn.Module<BlockInput, Tensor>
{
    private readonly Linear gate_proj;
    private readonly Linear up_proj;
    private readonly Linear down_proj;
    private readonly string _activation;
    private readonly Hooks.LayerHookNames _names;

    public LlamaMlp(LanguageModelConfig config, int layer) : base("mlp")
    {
        _activation = config.Activation;
        _names = Hooks.HookNames.Layer(layer);
        gate_proj = nn.Linear(config.HiddenSize, config.IntermediateSize, hasBias: config.MlpBias);
        up_proj = nn.Linear(config.HiddenSize, config.IntermediateSize, hasBias: config.MlpBias);
        down_proj = nn.Linear(config.IntermediateSize, config.HiddenSize, hasBias: config.MlpBias);
        RegisterComponents();
    }

    public override Tensor forward(BlockInput input)
    {
        var (x, ctx) = input;
        var gate = ctx.Hook(_names.MlpPre, gate_proj.call(x));
        var up = ctx.Hook(_names.MlpPreLinear, up_proj.call(x));
        var post = ctx.Hook(_names.MlpPost, Activations.Apply(_activation, gate) * up);
        return down_proj.call(post);
    }
}
