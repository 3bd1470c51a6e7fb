using static TorchSharp.torch;

namespace MLNetTemporal.Probing;

/// <summary>
/// Multi-output ridge regression with an unpenalised intercept, alpha chosen by exact leave-one-out error over a
/// grid from a single eigendecomposition of the centred Gram matrix (the smaller of XᵀX and XXᵀ). With
/// A the orthonormal left singular vectors of the centred features and λ their squared singular values, the
/// hat matrix for alpha is 11ᵀ/n + A diag(λ/(λ+α)) Aᵀ, so each alpha's leave-one-out residuals
/// (y − ŷ)/(1 − h) cost O(n·r·k) once the decomposition is known.
/// </summary>
public static class RidgeRegression
{
    /// <summary>The default grid: logspace(0.8, 4.1, 12), as in Gurnee and Tegmark.</summary>
    public static double[] DefaultAlphas() => LogSpace(0.8, 4.1, 12);

    public static double[] LogSpace(double fromExponent, double toExponent, int count) =>
        count == 1 ? [Math.Pow(10, fromExponent)]
        : Enumerable.Range(0, count).Select(i => Math.Pow(10, fromExponent + (toExponent - fromExponent) * i / (count - 1))).ToArray();

    /// <summary>
    /// Fits every alpha of <paramref name="alphas"/> and keeps the one with the lowest leave-one-out mean squared
    /// error (averaged over outputs). Features are rows × d, targets rows × k (already scaled as the caller wants).
    /// </summary>
    public static RidgeSolution Fit(double[,] features, double[,] targets, IReadOnlyList<double> alphas)
    {
        int n = features.GetLength(0), d = features.GetLength(1), k = targets.GetLength(1);
        if (targets.GetLength(0) != n) throw new ArgumentException($"features have {n} rows but targets {targets.GetLength(0)}", nameof(targets));
        if (n < 3) throw new ArgumentException($"ridge needs at least 3 rows for leave-one-out, got {n}", nameof(features));
        if (alphas.Count == 0 || alphas.Any(a => !(a > 0))) throw new ArgumentOutOfRangeException(nameof(alphas), "alphas must be a non-empty list of positive numbers");

        using var scope = NewDisposeScope();
        var x = tensor(features);
        var y = tensor(targets);
        var xMean = x.mean([0]);
        var yMean = y.mean([0]);
        var xc = x - xMean;
        var yc = y - yMean;
        var (basis, lambda) = LeftSingularVectors(xc, n, d);
        var projected = basis.T.matmul(yc);                 // r × k
        var leverageBase = basis.square();                  // n × r
        var looErrors = new double[alphas.Count];
        for (int a = 0; a < alphas.Count; a++)
        {
            using var step = NewDisposeScope();
            var shrink = lambda / (lambda + alphas[a]);     // r
            var fitted = basis.matmul(shrink.unsqueeze(1) * projected);
            var leverage = leverageBase.matmul(shrink) + 1.0 / n;
            var residual = (yc - fitted) / (1 - leverage).unsqueeze(1);
            looErrors[a] = residual.square().mean().item<double>();
        }
        int best = Array.IndexOf(looErrors, looErrors.Min());
        double alpha = alphas[best];
        // W = Xcᵀ A diag(1/(λ+α)) Aᵀ Yc: the ridge solution written with the same decomposition.
        var weights = xc.T.matmul(basis.matmul((1 / (lambda + alpha)).unsqueeze(1) * projected));
        var intercept = yMean - xMean.matmul(weights);
        return new RidgeSolution(ToMatrix(weights), intercept.data<double>().ToArray(), alpha, [.. alphas], looErrors);
    }

    /// <summary>A (n × r, orthonormal columns) and λ (r) with Xc = A diag(√λ) Vᵀ, from the smaller Gram matrix; null directions dropped.</summary>
    private static (Tensor Basis, Tensor Lambda) LeftSingularVectors(Tensor xc, int n, int d)
    {
        Tensor basis, lambda;
        if (n <= d)
        {
            (lambda, basis) = linalg.eigh(xc.matmul(xc.T));
        }
        else
        {
            var (l, v) = linalg.eigh(xc.T.matmul(xc));
            lambda = l;
            basis = xc.matmul(v) / l.clamp_min(1e-300).sqrt();
        }
        var keep = nonzero(lambda > lambda.max() * 1e-10).squeeze(1);
        return (basis.index_select(1, keep), lambda.index_select(0, keep));
    }

    private static double[,] ToMatrix(Tensor t)
    {
        var flat = t.contiguous().data<double>().ToArray();
        int rows = (int)t.shape[0], columns = (int)t.shape[1];
        var result = new double[rows, columns];
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(double));
        return result;
    }
}

/// <summary>
/// A fitted ridge model: prediction = x·Weights (d × k) + Intercept; LeaveOneOutErrors holds the mean squared
/// leave-one-out error of each alpha of Alphas, and Alpha the chosen one.
/// </summary>
public sealed record RidgeSolution(double[,] Weights, double[] Intercept, double Alpha, double[] Alphas, double[] LeaveOneOutErrors)
{
    public double[] Predict(ReadOnlySpan<float> x)
    {
        int d = Weights.GetLength(0), k = Weights.GetLength(1);
        if (x.Length != d) throw new ArgumentException($"the features have {x.Length} values but the probe was fitted on {d}");
        var y = (double[])Intercept.Clone();
        for (int i = 0; i < d; i++)
        {
            double xi = x[i];
            for (int j = 0; j < k; j++) y[j] += xi * Weights[i, j];
        }
        return y;
    }
}
