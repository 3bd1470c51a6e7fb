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

    public static TheoryData<ScalarType, ScalarType> Conversions => new()
    {
        { ScalarType.Float64, ScalarType.Float32 },
        { ScalarType.Float64, ScalarType.Float16 },
        { ScalarType.Float64, ScalarType.BFloat16 },
        { ScalarType.Float32, ScalarType.Float16 },
        { ScalarType.Float32, ScalarType.BFloat16 },
        { ScalarType.Float32, ScalarType.Float64 },
        { ScalarType.Float16, ScalarType.Float32 },
        { ScalarType.BFloat16, ScalarType.Float64 },
    };

    [Theory]
    [MemberData(nameof(Conversions))]
    public void Storing_in_another_type_rounds_exactly_like_torch(ScalarType from, ScalarType to)
    {
        using var scope = NewDisposeScope();
        // Values across the whole range of every type: overflow to infinity, subnormals, signed zeros, rounding ties.
        var special = tensor(new[] { 0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, 1e-40, -3e-7, 6e-8, 70000, 65520, 1 + 1.0 / 256, 1 + 3.0 / 256, 3.4e38 }, ScalarType.Float64);
        var values = cat([special, randn(5_000, ScalarType.Float64, generator: new Generator(5)) * exp(randn(5_000, ScalarType.Float64, generator: new Generator(6)) * 8)]).to(from);

        var stored = TensorCombination.Combine([values], [1], to);

        TensorAssert.SameBits(stored, values.to(to)).Should().BeTrue();
    }

    [Fact]
    public void Combining_into_an_input_a_strided_view_or_in_pieces_gives_the_same_bits()
    {
        using var scope = NewDisposeScope();
        // 3 x 2^20 floats: 12 MB, written past the caches into huge pages; its pieces (1 MB) take the ordinary path.
        var a = randn([3, 1 << 20], generator: new Generator(1));
        var b = randn([3, 1 << 20], generator: new Generator(2));
        var expected = TensorCombination.Combine([a, b], [2, -0.5], ScalarType.Float32);

        var intoFirst = a.clone();
        TensorCombination.CombineInto(intoFirst, [intoFirst, b], [2, -0.5]);
        var intoSecond = b.clone();
        TensorCombination.CombineInto(intoSecond, [a, intoSecond], [2, -0.5]);
        var transposed = zeros([1 << 20, 3]).t();
        TensorCombination.CombineInto(transposed, [a, b], [2, -0.5]);
        var pieces = cat(Enumerable.Range(0, 12).Select(i =>
            TensorCombination.Combine([a.view(-1).narrow(0, i << 18, 1 << 18), b.view(-1).narrow(0, i << 18, 1 << 18)], [2, -0.5], ScalarType.Float32)).ToList());

        TensorAssert.SameBits(intoFirst, expected).Should().BeTrue();
        TensorAssert.SameBits(intoSecond, expected).Should().BeTrue();
        TensorAssert.SameBits(transposed, expected).Should().BeTrue();
        TensorAssert.SameBits(pieces.view(3, -1), expected).Should().BeTrue();
        var exact = a.to(ScalarType.Float64) * 2 - b.to(ScalarType.Float64) * 0.5;
        TensorAssert.MaxAbsDiff(expected, exact).Should().BeLessThan(1e-5);
    }
}
