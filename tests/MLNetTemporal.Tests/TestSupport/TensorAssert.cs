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

    /// <summary>Same dtype, shape and stored bytes (so also the same signs of zero and NaN payloads).</summary>
    public static bool SameBits(Tensor a, Tensor b)
    {
        if (a.dtype != b.dtype || !a.shape.SequenceEqual(b.shape)) return false;
        using var scope = NewDisposeScope();
        return a.detach().cpu().contiguous().bytes.SequenceEqual(b.detach().cpu().contiguous().bytes);
    }
}
