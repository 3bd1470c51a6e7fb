using static TorchSharp.torch;

namespace MLNetTemporal.Tests.TestSupport;

internal static class TensorAssert
{
    /// <summary>Largest absolute difference, computed in float64; shapes must match.</summary>
    public static double MaxAbsDiff(Tensor a, Tensor b)
    {
        if (!a.shape.SequenceEqual(b.shape))
            throw new Xunit.Sdk.XunitException($"shapes differ: [{string.Join(", ", a.shape)}] vs [{string.Join(", ", b.shape)}]");
        using var scope = NewDisposeScope();
        return (a.to(ScalarType.Float64) - b.to(ScalarType.Float64)).abs().max().item<double>();
    }

    public static bool Identical(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && MaxAbsDiff(a, b) == 0;
}
