using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MLNetTemporal.LanguageModels.Gpt2;

/// <summary>GPT-2 feed-forward: <c>c_fc</c>, activation, <c>c_proj</c>.</summary>
internal sealed class Gpt2Mlp : nn.Module<BlockInput, Tensor>
{
    private readonly Conv1D c_fc;
    private readonly Conv1D c_proj;
    private readonly string _activation;
    private readonly double _dropout;
    private readonly Hooks.LayerHookNames _names;

    internal Gpt2Mlp(LanguageModelConfig config, int layer) : base("mlp")
    {
        _activation = config.Activation;
        _dropout = config.ResidualDropout;
        _names = Hooks.HookNames.Layer(layer);
        c_fc = new Conv1D("c_fc", config.HiddenSize, config.IntermediateSize);
        c_proj = new Conv1D("c_proj", config.IntermediateSize, config.HiddenSize);
        RegisterComponents();
    }

    public override Tensor forward(BlockInput input)
    {
        var ctx = input.Context;
        var pre = ctx.Hook(_names.MlpPre, c_fc.call(input.Hidden));
        var post = ctx.Hook(_names.MlpPost, Activations.Apply(_activation, pre));
        var output = c_proj.call(post);
        return training && _dropout > 0 ? F.dropout(output, _dropout, true) : output;
    }
}
