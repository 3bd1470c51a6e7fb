namespace MLNetTemporal.Numerics;

public static partial class Statistics
{
    /// <summary>
    /// 1-based ranks, tied values sharing the mean of the ranks they span (scipy's <c>rankdata</c>, method "average"):
    /// the convention that makes Spearman's ρ and the Mann-Whitney AUC come out right with ties. A NaN anywhere makes
    /// every rank NaN.
    /// </summary>
    public static double[] Ranks(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var ranks = new double[values.Count];
        if (values.Any(double.IsNaN)) { Array.Fill(ranks, double.NaN); return ranks; }
        var sorted = values.ToArray();
        var order = Enumerable.Range(0, sorted.Length).ToArray();
        Array.Sort(sorted, order);
        for (int start = 0; start < sorted.Length;)
        {
            int end = start;
            while (end + 1 < sorted.Length && sorted[end + 1] == sorted[start]) end++;
            double rank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) ranks[order[k]] = rank;
            start = end + 1;
        }
        return ranks;
    }

    /// <summary>Spearman's ρ: Pearson correlation of the <see cref="Ranks"/>.</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y) =>
        Paired(x, y) ? Pearson(Ranks(x), Ranks(y)) : double.NaN;

    /// <summary>
    /// Kendall's τ-b: (concordant − discordant) / √((n0 − pairs tied in x)(n0 − pairs tied in y)), n0 = n(n − 1)/2,
    /// so ties shrink the denominator instead of counting as disagreement. NaN when either side is constant.
    /// </summary>
    public static double KendallTauB(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (!Paired(x, y) || x.Any(double.IsNaN) || y.Any(double.IsNaN)) return double.NaN;
        long concordant = 0, discordant = 0, tiesX = 0, tiesY = 0, pairs = 0;
        for (int i = 0; i < x.Count; i++)
            for (int j = i + 1; j < x.Count; j++)
            {
                // CompareTo rather than Math.Sign of the difference: ∞ − ∞ is NaN, on which Math.Sign throws.
                int sx = x[i].CompareTo(x[j]), sy = y[i].CompareTo(y[j]);
                pairs++;
                if (sx == 0) tiesX++;
                if (sy == 0) tiesY++;
                if (sx * sy > 0) concordant++;
                else if (sx * sy < 0) discordant++;
            }
        var denominator = Math.Sqrt((double)(pairs - tiesX) * (pairs - tiesY));
        return denominator == 0 ? double.NaN : (concordant - discordant) / denominator;
    }

    /// <summary>
    /// Area under the ROC curve: the chance that a random positive outscores a random negative, ties counting half.
    /// Computed from the positives' rank sum (Mann-Whitney U) so it sorts once instead of comparing every pair.
    /// NaN without positives or without negatives.
    /// </summary>
    public static double RocAuc(IReadOnlyList<double> positiveScores, IReadOnlyList<double> negativeScores)
    {
        ArgumentNullException.ThrowIfNull(positiveScores);
        ArgumentNullException.ThrowIfNull(negativeScores);
        if (positiveScores.Count == 0 || negativeScores.Count == 0) return double.NaN;
        var ranks = Ranks([.. positiveScores, .. negativeScores]);
        double positiveRankSum = 0;
        for (int i = 0; i < positiveScores.Count; i++) positiveRankSum += ranks[i];
        double p = positiveScores.Count, n = negativeScores.Count;
        return (positiveRankSum - p * (p + 1) / 2) / (p * n);
    }
}
