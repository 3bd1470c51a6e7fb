namespace MLNetTemporal.Numerics;

public static partial class Statistics
{
    /// <summary>
    /// Percentile bootstrap interval of a statistic over <paramref name="count"/> rows: the rows are resampled with
    /// replacement <paramref name="resamples"/> times from <paramref name="seed"/> (so a report reproduces), the
    /// statistic is evaluated on each resample's row indices, and the interval is the (1 − level)/2 and
    /// (1 + level)/2 quantiles of the finite results, each the nearest order statistic (numpy's
    /// <c>percentile(method="nearest")</c>). Resamples whose statistic is undefined (no spread in a small resample)
    /// are dropped rather than poisoning the interval; NaN when none is left or there are fewer than 2 rows.
    /// </summary>
    public static (double Low, double High) BootstrapInterval(int count, Func<int[], double> statistic, int seed, double level = 0.95, int resamples = 1000)
    {
        ArgumentNullException.ThrowIfNull(statistic);
        if (level is <= 0 or >= 1 || double.IsNaN(level)) throw new ArgumentOutOfRangeException(nameof(level), level, "level must lie in (0, 1)");
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count < 2) return (double.NaN, double.NaN);
        var random = new Random(seed);
        var values = new List<double>(resamples);
        for (int b = 0; b < resamples; b++)
        {
            var rows = new int[count];
            for (int i = 0; i < count; i++) rows[i] = random.Next(count);
            double value = statistic(rows);
            if (double.IsFinite(value)) values.Add(value);
        }
        if (values.Count == 0) return (double.NaN, double.NaN);
        values.Sort();
        double Quantile(double q) => values[(int)Math.Clamp(Math.Round(q * (values.Count - 1)), 0, values.Count - 1)];
        return (Quantile((1 - level) / 2), Quantile(1 - (1 - level) / 2));
    }
}
