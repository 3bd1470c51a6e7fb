using FluentAssertions;
using MLNetTemporal.Probing;
using Xunit;
using static TorchSharp.torch;

namespace MLNetTemporal.Tests.Probing;

public class RidgeRegressionTests
{
    private static (double[,] X, double[,] Y) Data(int n, int d, int k, int seed)
    {
        var random = new Random(seed);
        var x = new double[n, d];
        var y = new double[n, k];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++) x[i, j] = random.NextDouble() * 4 - 2 + (j == 0 ? 3 : 0);
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
        var z = ones(rows.Length, d + 1, ScalarType.Float64);
        var t = zeros(rows.Length, k, ScalarType.Float64);
        for (int r = 0; r < rows.Length; r++)
        {
            for (int j = 0; j < d; j++) z[r, j + 1] = x[rows[r], j];
            for (int o = 0; o < k; o++) t[r, o] = y[rows[r], o];
        }
        var penalty = eye(d + 1, dtype: ScalarType.Float64) * alpha;
        penalty[0, 0] = 0;
        var coef = linalg.solve(z.T.matmul(z) + penalty, z.T.matmul(t));
        var w = new double[d, k];
        var b = new double[k];
        for (int o = 0; o < k; o++)
        {
            b[o] = coef[0, o].item<double>();
            for (int j = 0; j < d; j++) w[j, o] = coef[j + 1, o].item<double>();
        }
        return (w, b);
    }

    [Theory]
    [InlineData(30, 5, 2)]   // more rows than features: eigendecomposition of XᵀX
    [InlineData(8, 12, 1)]   // more features than rows: eigendecomposition of XXᵀ
    public void SolutionEqualsClosedFormAndLeaveOneOutEqualsBruteForce(int n, int d, int k)
    {
        var (x, y) = Data(n, d, k, seed: n * d);
        double[] alphas = [0.1, 1, 10];
        var solution = RidgeRegression.Fit(x, y, alphas);

        var (w, b) = ClosedForm(x, y, solution.Alpha);
        for (int o = 0; o < k; o++)
        {
            solution.Intercept[o].Should().BeApproximately(b[o], 1e-8);
            for (int j = 0; j < d; j++) solution.Weights[j, o].Should().BeApproximately(w[j, o], 1e-8);
        }

        for (int a = 0; a < alphas.Length; a++)
        {
            double squared = 0;
            for (int i = 0; i < n; i++)
            {
                var (wi, bi) = ClosedForm(x, y, alphas[a], Enumerable.Range(0, n).Where(r => r != i).ToArray());
                for (int o = 0; o < k; o++)
                {
                    double prediction = bi[o];
                    for (int j = 0; j < d; j++) prediction += x[i, j] * wi[j, o];
                    squared += (y[i, o] - prediction) * (y[i, o] - prediction);
                }
            }
            solution.LeaveOneOutErrors[a].Should().BeApproximately(squared / (n * k), 1e-8 * Math.Max(1, squared));
        }
        solution.Alpha.Should().Be(alphas[Array.IndexOf(solution.LeaveOneOutErrors, solution.LeaveOneOutErrors.Min())]);
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
