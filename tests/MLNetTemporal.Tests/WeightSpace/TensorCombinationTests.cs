using FluentAssertions;
using MLNetTemporal.Tests.TestSupport;
using MLNetTemporal.WeightSpace;
using Xunit;
using static TorchSharp.torch;

namespace MLNetTemporal.Tests.WeightSpace;

public class TensorCombinationTests
{
    [Fact]
    public void InterpolationIsExactAtTheEndsAndMatchesTheFormulaBetween()
    {
        using var a = randn(1000, generator: new Generator(1));
        using var b = randn(1000, generator: new Generator(2));
        TensorAssert.Identical(TensorCombination.Combine([a, b], [1, 0], ScalarType.Float32), a).Should().BeTrue();
        TensorAssert.Identical(TensorCombination.Combine([a, b], [0, 1], ScalarType.Float32), b).Should().BeTrue();
        using var expected = a.to(ScalarType.Float64) * 0.3 + b.to(ScalarType.Float64) * 0.7;
        TensorAssert.MaxAbsDiff(TensorCombination.Combine([a, b], [0.3, 0.7], ScalarType.Float32), expected).Should().BeLessThan(1e-6);
        using var general = a.to(ScalarType.Float64) * 2 - b.to(ScalarType.Float64) * 0.5;
        TensorAssert.MaxAbsDiff(TensorCombination.Combine([a, b], [2, -0.5], ScalarType.Float32), general).Should().BeLessThan(1e-5);
    }
}
