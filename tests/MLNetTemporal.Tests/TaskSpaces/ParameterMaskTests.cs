using FluentAssertions;
using MLNetTemporal.TaskSpaces;
using Xunit;
using static TorchSharp.torch;
using MLNetTemporal.Studies.TaskSpaces;

namespace MLNetTemporal.Tests.TaskSpaces;

public class ParameterMaskTests
{
    [Theory]
    [InlineData(0.01)]
    [InlineData(0.1)]
    [InlineData(0.37)]
    [InlineData(1.0)]
    public void TheTopKMaskKeepsExactlyKEntriesAndNoSmallerOneThanItDrops(double fraction)
    {
        using var model = PairModels.Create();
        var layout = ParameterLayout.For(model.Module);
        // Many ties (values rounded to one decimal) so that "exactly k" is not an accident of distinct values.
        using var values = (randn(layout.Total, generator: new TorchSharp.torch.Generator(7)) * 10).round() / 10;
        using var vector = new ParameterVector(layout, values.clone());
        using var mask = vector.TopK(fraction);

        long k = Math.Max(1, (long)Math.Round(fraction * layout.Total));
        mask.Kept.Should().Be(k);
        mask.Flat.sum().item<long>().Should().Be(k);
        if (fraction < 1)
        {
            var magnitude = values.abs();
            magnitude[mask.Flat].min().item<float>().Should().BeGreaterThanOrEqualTo(magnitude[mask.Flat.logical_not()].max().item<float>());
        }
    }

    [Fact]
    public void OverlapCountsSharedEntriesOverK()
    {
        using var model = PairModels.Create();
        var layout = ParameterLayout.For(model.Module);
        var a = zeros(layout.Total);
        var b = zeros(layout.Total);
        a[TensorIndex.Slice(0, 100)] = ones(100);        // top 100 of a: entries 0..99
        b[TensorIndex.Slice(60, 160)] = ones(100) * 2;   // top 100 of b: entries 60..159
        using var va = new ParameterVector(layout, a);
        using var vb = new ParameterVector(layout, b);
        double fraction = 100.0 / layout.Total;
        using var ma = va.TopK(fraction);
        using var mb = vb.TopK(fraction);
        ma.Overlap(mb).Should().BeApproximately(0.4, 1e-12);
        va.Cosine(vb).Should().BeApproximately(40 * 2 / (Math.Sqrt(100) * Math.Sqrt(400)), 1e-9);
    }

    [Fact]
    public void AFractionOutsideZeroToOneIsRejectedByName()
    {
        var act = () => ParameterMask.KeptFor(0, 100);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*TopKFraction*");
    }
}
