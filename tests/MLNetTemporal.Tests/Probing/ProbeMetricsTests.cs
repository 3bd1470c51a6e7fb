using FluentAssertions;
using MLNetTemporal.Probing;
using Xunit;

namespace MLNetTemporal.Tests.Probing;

public class ProbeMetricsTests
{
    [Fact]
    public void ErrorsAndRSquared()
    {
        ProbeMetrics.RSquared([1, 2, 3, 4], [1, 2, 3, 5]).Should().BeApproximately(0.8, 1e-12);
        ProbeMetrics.MeanAbsoluteError([1, 2, 3, 4], [2, 2, 3, 1]).Should().BeApproximately(1, 1e-12);
        ProbeMetrics.RootMeanSquaredError([1, 2, 3, 4], [2, 2, 3, 1]).Should().BeApproximately(Math.Sqrt(10 / 4.0), 1e-12);
    }

    [Fact]
    public void HaversineMatchesKnownCityDistances()
    {
        // Published great-circle distances: Paris–London about 344 km, New York–Los Angeles about 3,936 km.
        ProbeMetrics.HaversineKm(48.8566, 2.3522, 51.5074, -0.1278).Should().BeApproximately(344, 2);
        ProbeMetrics.HaversineKm(40.7128, -74.0060, 34.0522, -118.2437).Should().BeApproximately(3936, 5);
        ProbeMetrics.HaversineKm(0, 0, 0, 180).Should().BeApproximately(Math.PI * ProbeMetrics.EarthRadiusKm, 1e-6);
        // Latitude first: swapping the order gives another distance.
        ProbeMetrics.HaversineKm(2.3522, 48.8566, -0.1278, 51.5074).Should().NotBeApproximately(344, 20);
    }

    [Fact]
    public void ProximityErrorOnAFourPointExample()
    {
        // Entity 0 (true 0, predicted 12): entity 1's prediction 1 is closer → 1/3. Entity 1 (true 10, predicted 1,
        // off by 9): entity 0's 12 is closer, entity 2's 19 ties (not closer) → 1/3. Entities 2 and 3: none → 0.
        double[] truth = [0, 10, 20, 30];
        double[] predicted = [12, 1, 19, 30];
        ProbeMetrics.ProximityError(truth, predicted, (a, b) => Math.Abs(a - b)).Should().BeApproximately(1.0 / 6, 1e-12);
        var evaluation = ProbeMetrics.Evaluate(ProbeTarget.Time, truth.Select(t => new[] { t }).ToArray(), predicted.Select(p => new[] { p }).ToArray());
        evaluation.ProximityError.Should().BeApproximately(1.0 / 6, 1e-12);
        evaluation.MeanAbsoluteError.Should().BeApproximately((12 + 9 + 1 + 0) / 4.0, 1e-12);
    }

    [Fact]
    public void PlaceEvaluationUsesKilometresAndAveragesRSquaredOverOutputs()
    {
        double[][] truth = [[48.8566, 2.3522], [51.5074, -0.1278], [40.7128, -74.0060], [34.0522, -118.2437]];
        double[][] predicted = [[51.5074, -0.1278], [51.5074, -0.1278], [40.7128, -74.0060], [34.0522, -118.2437]];
        var e = ProbeMetrics.Evaluate(ProbeTarget.Place, truth, predicted);
        e.MeanAbsoluteError.Should().BeApproximately(ProbeMetrics.HaversineKm(48.8566, 2.3522, 51.5074, -0.1278) / 4, 1e-9);
        e.RSquared.Should().BeApproximately(e.RSquaredPerOutput.Average(), 1e-12);
        e.RSquaredPerOutput[0].Should().BeApproximately(ProbeMetrics.RSquared(truth.Select(t => t[0]).ToArray(), predicted.Select(p => p[0]).ToArray()), 1e-12);
    }

    [Fact]
    public void BootstrapIntervalOfRSquared()
    {
        var random = new Random(3);
        var truth = Enumerable.Range(0, 200).Select(_ => new[] { random.NextDouble() * 10 }).ToArray();
        var noisy = truth.Select(t => new[] { t[0] + 3 * (random.NextDouble() - 0.5) }).ToArray();
        var point = ProbeMetrics.RSquared(truth.Select(t => t[0]).ToArray(), noisy.Select(p => p[0]).ToArray());
        var (low, high) = ProbeMetrics.RSquaredInterval(truth, noisy);
        low.Should().BeLessThan(point);
        high.Should().BeGreaterThan(point);
        (high - low).Should().BeLessThan(0.2);
        ProbeMetrics.RSquaredInterval(truth, noisy).Should().Be((low, high), "the resampling is seeded");

        ProbeMetrics.RSquaredInterval(truth, truth).Should().Be((1.0, 1.0));
        // Predicting the full-sample mean scores R² = 0 on the full sample and at most 0 on every resample.
        var mean = truth.Average(t => t[0]);
        ProbeMetrics.RSquaredInterval(truth, truth.Select(_ => new[] { mean }).ToArray()).High.Should().BeLessThanOrEqualTo(0);
    }
}
