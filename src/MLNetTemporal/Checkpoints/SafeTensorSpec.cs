using static TorchSharp.torch;

namespace MLNetTemporal.Checkpoints;

/// <summary>A tensor announced to <see cref="SafeTensorsStreamWriter"/> before its data is written.</summary>
public sealed record SafeTensorSpec(string Name, ScalarType DType, long[] Shape)
{
    public static SafeTensorSpec Of(string name, Tensor tensor) => new(name, tensor.dtype, tensor.shape);
}
