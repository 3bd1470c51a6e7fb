using FluentAssertions;
using MLNetTemporal.Probing;
using Xunit;
using static TorchSharp.torch;

namespace MLNetTemporal.Tests.Probing;

public class RidgeRegressionTests
{
    /// <summary>Random features (offset and scale per column: a constant offset and a few large columns, as activations have) and linear targets plus noise.</summary>
    private static (double[,] X, double[,] Y) Data(int n, int d, int k, int seed, double offset = 0, double outlierScale = 1)
    {
        var random = new Random(seed);
        var x = new double[n, d];
        var y = new double[n, k];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++) x[i, j] = (random.NextDouble() * 4 - 2 + (j == 0 ? 3 : 0)) * (j % 16 == 1 ? outlierScale : 1) + offset;
            for (int o = 0; o < k; o++) y[i, o] = 2 * x[i, 0] - x[i, d - 1] * (o + 1) + random.NextDouble() + 5 * o;
        }
        return (x, y);
    }

    /// <summary>Ridge with an unpenalised intercept by the normal equations on [1, X] with penalty diag(0, α, …).</summary>
    private static (double[,] W, double[] B) ClosedForm(double[,] x, double[,] y, double alpha, int[]? rows = null)
    {
        rows ??= Enumerable.Range(0, x.GetLength(0)).ToArray();
        int d = x.GetLength(1), k = y.GetLength(1);
        using var scope = NewDisposeScope();
        var index = tensor(rows.Select(r => (long)r).ToArray());
        var z = cat([ones(rows.Length, 1, ScalarType.Float64), tensor(x).index_select(0, index)], 1);
        var t = tensor(y).index_select(0, index);
        var penalty = eye(d + 1, dtype: ScalarType.Float64) * alpha;
        penalty[0, 0] = 0;
        var coef = linalg.solve(z.T.matmul(z) + penalty, z.T.matmul(t));
        var flat = coef.data<double>().ToArray();
        var w = new double[d, k];
        var b = new double[k];
        for (int o = 0; o < k; o++)
        {
            b[o] = flat[o];
            for (int j = 0; j < d; j++) w[j, o] = flat[(j + 1) * k + o];
        }
        return (w, b);
    }

    /// <summary>Leave-one-out mean squared error by refitting without each row in turn.</summary>
    private static double BruteForceLeaveOneOut(double[,] x, double[,] y, double alpha)
    {
        int n = x.GetLength(0), d = x.GetLength(1), k = y.GetLength(1);
        double squared = 0;
        for (int i = 0; i < n; i++)
        {
            var (wi, bi) = ClosedForm(x, y, alpha, Enumerable.Range(0, n).Where(r => r != i).ToArray());
            for (int o = 0; o < k; o++)
            {
                double prediction = bi[o];
                for (int j = 0; j < d; j++) prediction += x[i, j] * wi[j, o];
                squared += (y[i, o] - prediction) * (y[i, o] - prediction);
            }
        }
        return squared / (n * k);
    }

    [Theory]
    [InlineData(30, 5, 2, 0, 1)]        // more rows than features: eigendecomposition of XᵀX, float32 projection
    [InlineData(8, 12, 1, 0, 1)]        // more features than rows: eigendecomposition of XXᵀ
    [InlineData(12, 12, 2, 0, 1)]       // square: the dual side
    [InlineData(150, 40, 2, 50, 100)]   // activation-like: offset 50 and columns 100× larger than the rest
    [InlineData(40, 150, 1, 50, 100)]
    public void SolutionEqualsClosedFormAndLeaveOneOutEqualsBruteForce(int n, int d, int k, double offset, double outlierScale)
    {
        var (x, y) = Data(n, d, k, seed: n * d, offset, outlierScale);
        double[] alphas = [0.1, 1, 10, 1000];
        var solution = RidgeRegression.Fit(x, y, alphas);

        var (w, b) = ClosedForm(x, y, solution.Alpha);
        for (int o = 0; o < k; o++)
        {
            solution.Intercept[o].Should().BeApproximately(b[o], 1e-8 * Math.Max(1, Math.Abs(b[o])));
            for (int j = 0; j < d; j++) solution.Weights[j, o].Should().BeApproximately(w[j, o], 1e-8 * Math.Max(1, Math.Abs(w[j, o])));
        }

        // The leverages of n > d come from a float32 projection (see RidgeRegression): the stated tolerance is 1e-6
        // relative; the measured deviation is ~1e-8. The weights above stay float64.
        var bruteForce = alphas.Select(a => BruteForceLeaveOneOut(x, y, a)).ToArray();
        for (int a = 0; a < alphas.Length; a++)
            solution.LeaveOneOutErrors[a].Should().BeApproximately(bruteForce[a], 1e-6 * bruteForce[a]);
        solution.Alpha.Should().Be(alphas[Array.IndexOf(bruteForce, bruteForce.Min())]);
    }

    [Fact]
    public void RankDeficientFeaturesGiveTheMinimumNormClosedForm()
    {
        // Two duplicated columns and a constant one: XᵀX is singular, but α > 0 keeps the solution unique.
        var (x0, y) = Data(20, 4, 1, seed: 5);
        var x = new double[20, 7];
        for (int i = 0; i < 20; i++)
        {
            for (int j = 0; j < 4; j++) x[i, j] = x0[i, j];
            x[i, 4] = x0[i, 0];
            x[i, 5] = x0[i, 1];
            x[i, 6] = 3;
        }
        var solution = RidgeRegression.Fit(x, y, [0.5, 5]);
        var (w, b) = ClosedForm(x, y, solution.Alpha);
        solution.Intercept[0].Should().BeApproximately(b[0], 1e-8);
        for (int j = 0; j < 7; j++) solution.Weights[j, 0].Should().BeApproximately(w[j, 0], 1e-8);
        solution.LeaveOneOutErrors[0].Should().BeApproximately(BruteForceLeaveOneOut(x, y, 0.5), 1e-6 * solution.LeaveOneOutErrors[0]);
    }

    [Fact]
    public void DefaultGridIsLogspaceFromPoint8To4Point1()
    {
        var grid = RidgeRegression.DefaultAlphas();
        grid.Should().HaveCount(12);
        grid[0].Should().BeApproximately(Math.Pow(10, 0.8), 1e-9);
        grid[^1].Should().BeApproximately(Math.Pow(10, 4.1), 1e-6);
        grid[1].Should().BeApproximately(Math.Pow(10, 0.8 + 0.3), 1e-9);
    }

    [Fact]
    public void ProbeZScoresTargetsAndPredictsInTheirUnits()
    {
        var random = new Random(3);
        var features = Enumerable.Range(0, 60).Select(_ => Enumerable.Range(0, 4).Select(_ => (float)random.NextDouble()).ToArray()).ToList();
        var targets = features.Select(f => new double[] { 1900 + 100 * f[0] - 30 * f[2] }).ToList();
        var probe = RidgeProbe.Fit(features, targets, new RidgeProbeOptions { Alphas = [1e-6] });
        probe.Scaler.Mean[0].Should().BeApproximately(targets.Average(t => t[0]), 1e-9);
        probe.Predict(new float[] { 0.5f, 0.1f, 0.2f, 0.9f })[0].Should().BeApproximately(1900 + 50 - 6, 1e-3);
        probe.Direction().Select(v => v * v).Sum().Should().BeApproximately(1, 1e-9);
    }

    [Fact]
    public void RejectsTooFewRowsAndBadAlphas()
    {
        var (x, y) = Data(2, 3, 1, 1);
        FluentActions.Invoking(() => RidgeRegression.Fit(x, y, [1.0])).Should().Throw<ArgumentException>().WithMessage("*at least 3 rows*");
        var (x5, y5) = Data(5, 3, 1, 1);
        FluentActions.Invoking(() => RidgeRegression.Fit(x5, y5, [0.0])).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*positive*");
    }
}
