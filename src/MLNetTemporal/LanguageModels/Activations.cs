using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MLNetTemporal.LanguageModels;

/// <summary>Activation functions by their Hugging Face config names.</summary>
internal static class Activations
{
    public static Tensor Apply(string name, Tensor x) => name switch
    {
        "gelu_new" or "gelu_pytorch_tanh" or "gelu_fast" => F.gelu(x, TorchSharp.Modules.GELU.Approximate.tanh),
        "gelu" => F.gelu(x),
        "relu" => F.relu(x),
        "silu" or "swish" => F.silu(x),
        _ => throw new NotSupportedException($"activation '{name}' is not supported (gelu_new, gelu, relu, silu)"),
    };
}
