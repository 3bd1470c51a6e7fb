using FluentAssertions;
using MLNetTemporal.WeightSpace;
using Xunit;
using static MLNetTemporal.Tests.WeightSpace.WeightSpaceModels;
using static TorchSharp.torch;

namespace MLNetTemporal.Tests.WeightSpace;

public sealed class WeightMaskTests
{
    [Theory]
    [InlineData(0.01)]
    [InlineData(0.1)]
    [InlineData(0.37)]
    [InlineData(1.0)]
    public void The_top_k_mask_keeps_exactly_k_entries_over_all_tensors_and_no_smaller_one_than_it_drops(double fraction)
    {
        // Many ties (values rounded to one decimal) so that "exactly k" is not an accident of distinct values.
        var generator = new Generator(7);
        var shapes = new (string Name, long[] Shape)[] { ("wte", [40, 8]), ("c_fc", [8, 32]), ("bias", [32]) };
        using var vector = WeightVector.FromTensors([.. shapes.Select(s => new KeyValuePair<string, Tensor>(s.Name, (randn(s.Shape, generator: generator) * 10).round() / 10))]);
        using var mask = vector.TopK(fraction);

        var magnitude = cat([.. shapes.Select(s => vector[s.Name].reshape(-1))]).abs();
        var kept = cat([.. shapes.Select(s => mask[s.Name].reshape(-1))]);
        using var flat = vector.Flatten();
        flat.abs().eq(magnitude).all().item<bool>().Should().BeTrue("the flat view lays the tensors end to end in the vector's order");
        long k = Math.Max(1, (long)Math.Round(fraction * magnitude.numel()));
        mask.Kept.Should().Be(k);
        kept.sum().item<long>().Should().Be(k);
        foreach (var (name, shape) in shapes) mask[name].shape.Should().Equal(shape);
        if (fraction < 1)
            magnitude[kept].min().item<float>().Should().BeGreaterThanOrEqualTo(magnitude[kept.logical_not()].max().item<float>());
    }

    [Fact]
    public void Overlap_counts_shared_entries_over_k_across_tensor_boundaries()
    {
        // Flat entries 0..149 are tensor "a", 150..249 tensor "b"; b's top 100 straddle the boundary.
        var a = zeros(250);
        var b = zeros(250);
        a[TensorIndex.Slice(0, 100)] = ones(100);        // top 100 of a: entries 0..99
        b[TensorIndex.Slice(60, 160)] = ones(100) * 2;   // top 100 of b: entries 60..159
        using var va = Split(a);
        using var vb = Split(b);
        using var ma = va.TopK(100 / 250.0);
        using var mb = vb.TopK(100 / 250.0);
        ma.Overlap(mb).Should().BeApproximately(0.4, 1e-12);
        mb["b"].sum().item<long>().Should().Be(10);
    }

    [Fact]
    public void A_fraction_outside_zero_to_one_is_rejected()
    {
        using var vector = Vector(("w", [1f, 2f]));
        FluentActions.Invoking(() => vector.TopK(0)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*(0, 1]*");
        FluentActions.Invoking(() => vector.TopK(1.5)).Should().Throw<ArgumentOutOfRangeException>();
    }

    private static WeightVector Split(Tensor flat) => WeightVector.FromTensors(
    [
        new("a", flat[TensorIndex.Slice(0, 150)]),
        new("b", flat[TensorIndex.Slice(150, 250)].reshape(2, 50)),
    ]);
}
