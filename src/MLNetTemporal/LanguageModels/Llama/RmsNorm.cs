using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetTemporal.LanguageModels.Llama;

/// <summary>Root-mean-square norm, computed in float32 as Hugging Face's <c>LlamaRMSNorm</c> does.</summary>
public sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly double _eps;

    public RmsNorm(long size, double eps) : base("RMSNorm")
    {
        weight = nn.Parameter(ones(size));
        _eps = eps;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var x32 = x.to(ScalarType.Float32);
        var normed = x32 * x32.pow(2).mean([-1], keepdim: true).add_(_eps).rsqrt_();
        return weight * normed.to(x.dtype);
    }
}
