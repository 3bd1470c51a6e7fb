using MLNetTemporal.Numerics;

namespace MLNetTemporal.Probing;

/// <summary>
/// The probe metrics of Gurnee and Tegmark beyond ML.NET's RegressionMetrics: errors, R² with its bootstrap interval
/// and the proximity error, with haversine distance for places. Its correlations come from <see cref="Statistics"/>.
/// </summary>
public static class ProbeMetrics
{
    public const double EarthRadiusKm = 6371.0088;

    public static double MeanAbsoluteError(IReadOnlyList<double> truth, IReadOnlyList<double> predicted)
    {
        CheckPair(truth, predicted);
        return truth.Select((t, i) => Math.Abs(t - predicted[i])).Average();
    }

    public static double RootMeanSquaredError(IReadOnlyList<double> truth, IReadOnlyList<double> predicted)
    {
        CheckPair(truth, predicted);
        return Math.Sqrt(truth.Select((t, i) => (t - predicted[i]) * (t - predicted[i])).Average());
    }

    /// <summary>Coefficient of determination, 1 − SS_res / SS_tot (negative when worse than the mean).</summary>
    public static double RSquared(IReadOnlyList<double> truth, IReadOnlyList<double> predicted)
    {
        CheckPair(truth, predicted);
        double mean = truth.Average(), ssTot = 0, ssRes = 0;
        for (int i = 0; i < truth.Count; i++)
        {
            ssTot += (truth[i] - mean) * (truth[i] - mean);
            ssRes += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
        }
        return ssTot == 0 ? double.NaN : 1 - ssRes / ssTot;
    }

    /// <summary>
    /// A percentile bootstrap interval of R² (mean over outputs): test rows resampled with replacement
    /// <paramref name="resamples"/> times with a fixed seed, so "clearly positive" and "above the control" can be read
    /// as intervals that exclude 0 and each other rather than as single numbers from one small test split.
    /// The rules are <see cref="Statistics.BootstrapInterval"/>'s: (NaN, NaN) with fewer than 2 rows.
    /// </summary>
    public static (double Low, double High) RSquaredInterval(double[][] truth, double[][] predicted, double level = 0.95, int resamples = 1000, int seed = 12345)
    {
        if (truth.Length != predicted.Length) throw new ArgumentException($"{truth.Length} true rows but {predicted.Length} predictions");
        int n = truth.Length, k = n == 0 ? 0 : truth[0].Length;
        var (t, p) = (new double[n], new double[n]);
        return Statistics.BootstrapInterval(n, rows =>
        {
            double sum = 0;
            for (int j = 0; j < k; j++)
            {
                for (int i = 0; i < n; i++) (t[i], p[i]) = (truth[rows[i]][j], predicted[rows[i]][j]);
                sum += RSquared(t, p);
            }
            return sum / k;
        }, seed, level, resamples);
    }

    /// <summary>Great-circle distance in km between two (latitude, longitude) points in degrees.</summary>
    public static double HaversineKm(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double degrees) => degrees * Math.PI / 180;
        double dLat = Rad(lat2 - lat1), dLon = Rad(lon2 - lon1);
        double h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>
    /// Mean over entities of the fraction of the other entities whose prediction lies closer to this entity's true
    /// value than this entity's own prediction does (0 is perfect, about 0.5 is chance).
    /// </summary>
    public static double ProximityError<T>(IReadOnlyList<T> truth, IReadOnlyList<T> predicted, Func<T, T, double> distance)
    {
        if (truth.Count != predicted.Count) throw new ArgumentException($"{truth.Count} true values but {predicted.Count} predictions");
        if (truth.Count < 2) throw new ArgumentException("the proximity error needs at least 2 entities");
        double total = 0;
        for (int i = 0; i < truth.Count; i++)
        {
            double own = distance(predicted[i], truth[i]);
            int closer = 0;
            for (int j = 0; j < truth.Count; j++)
                if (j != i && distance(predicted[j], truth[i]) < own) closer++;
            total += (double)closer / (truth.Count - 1);
        }
        return total / truth.Count;
    }

    /// <summary>Every metric of a probe's predictions; for places the outputs are (latitude, longitude) in degrees.</summary>
    public static ProbeEvaluation Evaluate(ProbeTarget target, double[][] truth, double[][] predicted)
    {
        if (truth.Length != predicted.Length) throw new ArgumentException($"{truth.Length} true rows but {predicted.Length} predictions");
        if (truth.Length < 2) throw new ArgumentException($"evaluation needs at least 2 rows, got {truth.Length}");
        int k = truth[0].Length;
        var perOutput = Enumerable.Range(0, k).Select(j =>
        {
            var t = truth.Select(r => r[j]).ToArray();
            var p = predicted.Select(r => r[j]).ToArray();
            return (R2: RSquared(t, p), Pearson: Statistics.Pearson(t, p), Spearman: Statistics.Spearman(t, p), Kendall: Statistics.KendallTauB(t, p));
        }).ToArray();
        double[] errors;
        double proximity;
        if (target == ProbeTarget.Place)
        {
            errors = truth.Select((t, i) => HaversineKm(t[0], t[1], predicted[i][0], predicted[i][1])).ToArray();
            proximity = ProximityError(truth, predicted, (a, b) => HaversineKm(a[0], a[1], b[0], b[1]));
        }
        else
        {
            errors = truth.Select((t, i) => Math.Abs(t[0] - predicted[i][0])).ToArray();
            proximity = ProximityError(truth.Select(r => r[0]).ToArray(), predicted.Select(r => r[0]).ToArray(), (a, b) => Math.Abs(a - b));
        }
        var (low, high) = RSquaredInterval(truth, predicted);
        return new ProbeEvaluation(
            perOutput.Average(o => o.R2), perOutput.Average(o => o.Pearson), perOutput.Average(o => o.Spearman), perOutput.Average(o => o.Kendall),
            errors.Average(), Math.Sqrt(errors.Average(e => e * e)), proximity, perOutput.Select(o => o.R2).ToArray(), low, high);
    }

    private static void CheckPair<T>(IReadOnlyList<T> x, IReadOnlyList<T> y)
    {
        if (x.Count != y.Count) throw new ArgumentException($"the two series have {x.Count} and {y.Count} values");
        if (x.Count < 2) throw new ArgumentException($"need at least 2 values, got {x.Count}");
    }
}

/// <summary>What a probe predicts: a time (one output, in years) or a place (latitude and longitude in degrees).</summary>
public enum ProbeTarget { Time, Place }

/// <summary>
/// A probe's test metrics. Correlations and R² are means over outputs; MAE and RMSE are in years for time and in km
/// (haversine) for places; RSquaredLow..RSquaredHigh is the 95% bootstrap interval of R² over the test rows.
/// </summary>
public sealed record ProbeEvaluation(double RSquared, double Pearson, double Spearman, double Kendall,
    double MeanAbsoluteError, double RootMeanSquaredError, double ProximityError, double[] RSquaredPerOutput,
    double RSquaredLow, double RSquaredHigh);
