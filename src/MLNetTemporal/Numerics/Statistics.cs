namespace MLNetTemporal.Numerics;

/// <summary>
/// The library's statistics, with one contract for all of them:
/// <list type="bullet">
/// <item>Paired series of different lengths throw <see cref="ArgumentException"/> naming both arguments.</item>
/// <item>Too few values to define a statistic (fewer than 2 pairs, no positives or no negatives) or no spread give
/// NaN, never an exception: a study reports "undefined" for that cell and goes on.</item>
/// <item>A NaN anywhere in the input gives NaN, as scipy's <c>nan_policy="propagate"</c>: a missing value is never
/// silently ranked or paired. Callers that mean to skip missing values leave them out first
/// (<see cref="OffDiagonal"/> does, for entries that are not finite). Infinities are ordinary values to the rank
/// statistics and make the moment statistics (<see cref="Pearson"/>, <see cref="Slope"/>) NaN.</item>
/// </list>
/// An off-diagonal matrix correlation is <see cref="Pearson"/> or <see cref="Spearman"/> of <see cref="OffDiagonal"/>.
/// </summary>
public static partial class Statistics
{
    /// <summary>Pearson's product-moment correlation.</summary>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (!Paired(x, y)) return double.NaN;
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Least-squares slope of <paramref name="y"/> on <paramref name="x"/>; NaN when x has no spread.</summary>
    public static double Slope(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (!Paired(x, y)) return double.NaN;
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0;
        for (int i = 0; i < x.Count; i++)
        {
            double dx = x[i] - mx;
            sxy += dx * (y[i] - my);
            sxx += dx * dx;
        }
        return sxx == 0 ? double.NaN : sxy / sxx;
    }

    /// <summary>Checks the lengths; false when there are too few pairs for a statistic to mean anything.</summary>
    private static bool Paired(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"{nameof(x)} has {x.Count} values but {nameof(y)} has {y.Count}; they must be paired", nameof(y));
        return x.Count >= 2;
    }
}
