using static TorchSharp.torch;

namespace MLNetTemporal.Anchors;

/// <summary>
/// The three mean flows of one layer's saliency matrix I (query × key): text → label words (S_wp), label words →
/// target (S_pq), and all other pairs (S_ww).
/// </summary>
public readonly record struct SaliencySums(double WordsToLabels, double LabelsToTarget, double WordsToWords)
{
    /// <summary>
    /// With label positions p_k (k = 1..C) and target q: S_wp = Σ_k Σ_{j&lt;p_k} I(p_k, j) / Σ_k p_k,
    /// S_pq = Σ_k I(q, p_k) / C, S_ww = the rest of Σ_{j&lt;i} I(i, j) over the remaining pairs.
    /// </summary>
    /// <param name="saliency">[positions, positions], query × key, any dtype.</param>
    /// <param name="labelPositions">The label words' positions p_k.</param>
    /// <param name="target">The target position q (the query's last token).</param>
    public static SaliencySums Compute(Tensor saliency, IReadOnlyList<long> labelPositions, long target)
    {
        if (saliency.dim() != 2 || saliency.shape[0] != saliency.shape[1])
            throw new ArgumentException($"saliency must be a square [positions, positions] matrix, got [{string.Join(", ", saliency.shape)}]", nameof(saliency));
        long n = saliency.shape[0];
        if (target < 0 || target >= n) throw new ArgumentOutOfRangeException(nameof(target), target, $"target must be within 0..{n - 1}");
        if (labelPositions.Count == 0) throw new ArgumentException("no label positions", nameof(labelPositions));
        var m = saliency.to(ScalarType.Float64).cpu().data<double>().ToArray();
        double I(long i, long j) => m[i * n + j];

        double wp = 0, pq = 0, all = 0;
        long wpPairs = 0;
        foreach (var p in labelPositions)
        {
            if (p <= 0 || p >= target) throw new ArgumentOutOfRangeException(nameof(labelPositions), p, $"a label position must lie between 1 and the target {target}");
            for (long j = 0; j < p; j++) wp += I(p, j);
            wpPairs += p;
            pq += I(target, p);
        }
        for (long i = 1; i < n; i++)
            for (long j = 0; j < i; j++)
                all += I(i, j);
        long wwPairs = n * (n - 1) / 2 - wpPairs - labelPositions.Count;
        return new SaliencySums(wp / wpPairs, pq / labelPositions.Count, wwPairs > 0 ? (all - wp - pq) / wwPairs : 0);
    }

    /// <summary>The three scaled to sum to 1 (a layer's relative shares).</summary>
    public SaliencySums Normalised()
    {
        double total = WordsToLabels + LabelsToTarget + WordsToWords;
        return total > 0 ? new(WordsToLabels / total, LabelsToTarget / total, WordsToWords / total) : this;
    }
}
