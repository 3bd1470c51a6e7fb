using static TorchSharp.torch;

namespace MLNetTemporal.Probing;

/// <summary>
/// Multi-output ridge regression with an unpenalised intercept, alpha chosen by exact leave-one-out error over a
/// grid from a single eigendecomposition of the centred Gram matrix (the smaller of XᵀX and XXᵀ). With
/// Xc = A diag(√λ) Vᵀ, the hat matrix for alpha is 11ᵀ/n + A diag(λ/(λ+α)) Aᵀ, so once the decomposition is
/// known each alpha's leave-one-out residuals (y − ŷ)/(1 − h) cost O(n·r·k); all alphas go through in one batch of
/// tensor operations.
/// </summary>
/// <remarks>
/// Cost against one direct solve (centring, Gram matrix and Cholesky of the smaller side; the bench's <c>probes</c>,
/// docs/probes.md): the grid shares the Gram matrix and replaces the Cholesky by <c>eigh</c> of the same matrix,
/// which bounds any exact grid: eigh(m) costs 8–12 Choleskys of m and about one Gram matrix when
/// max(n, d) ≈ 4·min(n, d). So the grid stays within 2 solves only for lopsided shapes (d ≳ 4n, n ≳ 10d); at n ≈ d
/// and for tiny problems (eigh(96) alone takes three direct solves) it costs 3.5–4. Per-alpha batched Choleskys
/// are slower than one eigh at every size measured.
/// When n &gt; d the leverages need the n × d projection Xc·V on top; it runs in float32 (half the time of float64)
/// and only feeds h_i = Σ_j (x_i·v_j)²/(λ_j+α). The eigendecomposition, fitted values, residuals and weights stay
/// float64 (a float32 eigendecomposition would not do: its error grows with ‖XᵀX‖/α). Against the float64
/// projection the leave-one-out errors moved by at most 1e-8 relative on uniform, low-rank and activation-like
/// features (offsets, outlier columns), where the best and second-best alphas differed by 1.8e-4 or more, so the
/// chosen alpha does not move; the tests hold the errors to brute-force leave-one-out within 1e-6.
/// </remarks>
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
        var grid = tensor(alphas.ToArray()).unsqueeze(0);   // 1 × a
        var path = n <= d ? Dual(xc, yc, grid) : Primal(xc, yc, grid);

        // ŷ for every alpha in one n × (a·k) matrix; the intercept adds 1/n to every leverage.
        var residual = (yc.unsqueeze(1) - path.Fitted.view(n, alphas.Count, k)) / (1 - 1.0 / n - path.Leverage).unsqueeze(2);
        var looErrors = residual.square().mean([0, 2]).data<double>().ToArray();
        int best = Array.IndexOf(looErrors, looErrors.Min());
        var weights = path.Weights(best);
        var intercept = yMean - xMean.matmul(weights);
        return new RidgeSolution(ToMatrix(weights), intercept.data<double>().ToArray(), alphas[best], [.. alphas], looErrors);
    }

    /// <summary>Fitted values (n × a·k), leverages without the intercept's 1/n (n × a), and the weights (d × k) of the alpha at an index.</summary>
    private sealed record GridPath(Tensor Fitted, Tensor Leverage, Func<int, Tensor> Weights);

    /// <summary>
    /// n ≤ d: eigh of XcXcᵀ = U diag(λ) Uᵀ gives the left singular vectors directly, so the leverages need no
    /// projection: h = U² λ/(λ+α). Null directions (at least the constant one, removed by centring) are masked out.
    /// </summary>
    private static GridPath Dual(Tensor xc, Tensor yc, Tensor grid)
    {
        var (lambda, u) = linalg.eigh(xc.matmul(xc.T));
        var kept = Kept(lambda);
        var projected = u.T.matmul(yc);                                   // n × k
        var shrink = kept * lambda.unsqueeze(1) / (lambda.unsqueeze(1) + grid);   // n × a
        var fitted = u.matmul(Expand(shrink, projected));
        var leverage = u.square().matmul(shrink);
        // W = Xcᵀ U diag(1/(λ+α)) Uᵀ Yc, only for the chosen alpha.
        return new GridPath(fitted, leverage, index => xc.T.matmul(u.matmul(kept * projected / (lambda.unsqueeze(1) + grid[0, index]))));
    }

    /// <summary>
    /// n &gt; d: eigh of XcᵀXc = V diag(λ) Vᵀ; the weights of every alpha are V diag(1/(λ+α)) Vᵀ XcᵀYc (d × a·k, cheap),
    /// fitted values Xc·W in float64, and the leverages h_i = Σ_j (x_i·v_j)²/(λ_j+α) from the projection XcV in float32.
    /// </summary>
    private static GridPath Primal(Tensor xc, Tensor yc, Tensor grid)
    {
        var (lambda, v) = linalg.eigh(xc.T.matmul(xc));
        var kept = Kept(lambda);
        var projected = v.T.matmul(xc.T.matmul(yc));                      // d × k
        var inverse = kept / (lambda.unsqueeze(1) + grid);                 // d × a
        var weights = v.matmul(Expand(inverse, projected));               // d × a·k
        var fitted = xc.matmul(weights);
        var scores = xc.to(ScalarType.Float32).matmul(v.to(ScalarType.Float32));
        var leverage = scores.square().matmul(inverse.to(ScalarType.Float32)).to(ScalarType.Float64);
        return new GridPath(fitted, leverage, index => weights.view(weights.shape[0], grid.shape[1], -1)[.., index, ..]);
    }

    /// <summary>1 for directions with λ above 1e-10 of the largest (as a column), 0 for the numerical null space.</summary>
    private static Tensor Kept(Tensor lambda) => (lambda > lambda.max() * 1e-10).to(ScalarType.Float64).unsqueeze(1);

    /// <summary>coefficients (r × a) ⊙ projected (r × k) → r × (a·k), alpha-major, for one matmul over all alphas.</summary>
    private static Tensor Expand(Tensor coefficients, Tensor projected) =>
        (coefficients.unsqueeze(2) * projected.unsqueeze(1)).view(coefficients.shape[0], -1);

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
