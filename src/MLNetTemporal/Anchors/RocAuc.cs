namespace MLNetTemporal.Anchors;

/// <summary>Area under the ROC curve: the chance that a random positive outscores a random negative, ties counting half.</summary>
public static class RocAuc
{
    public static double Compute(IReadOnlyList<double> positiveScores, IReadOnlyList<double> negativeScores)
    {
        if (positiveScores.Count == 0 || negativeScores.Count == 0)
            throw new ArgumentException($"AUC needs positives and negatives (got {positiveScores.Count} and {negativeScores.Count})");
        // Rank-sum (Mann-Whitney) form: sort once instead of comparing every pair.
        var all = positiveScores.Select(s => (Score: s, Positive: true)).Concat(negativeScores.Select(s => (Score: s, Positive: false)))
            .OrderBy(x => x.Score).ToArray();
        double positiveRankSum = 0;
        for (int i = 0; i < all.Length;)
        {
            int j = i;
            while (j < all.Length && all[j].Score == all[i].Score) j++;
            double meanRank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) if (all[k].Positive) positiveRankSum += meanRank;
            i = j;
        }
        double p = positiveScores.Count, n = negativeScores.Count;
        return (positiveRankSum - p * (p + 1) / 2) / (p * n);
    }
}
