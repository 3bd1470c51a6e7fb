namespace MLNetTemporal.Probing;

/// <summary>Shape checks and conversions shared by the probe trainers.</summary>
internal static class ProbeData
{
    public static void CheckRows(IReadOnlyList<float[]> features, IReadOnlyList<double[]> targets)
    {
        if (features.Count != targets.Count) throw new ArgumentException($"{features.Count} feature rows but {targets.Count} target rows");
        if (features.Count == 0) throw new ArgumentException("no training rows (the training split is empty)");
        int d = features[0].Length, k = targets[0].Length;
        for (int i = 0; i < features.Count; i++)
        {
            if (features[i].Length != d) throw new ArgumentException($"row {i} has {features[i].Length} features, row 0 has {d}");
            if (targets[i].Length != k) throw new ArgumentException($"row {i} has {targets[i].Length} targets, row 0 has {k}");
            if (targets[i].Any(v => !double.IsFinite(v))) throw new ArgumentException($"row {i} has a missing or non-finite target");
        }
    }

    public static double[,] ToMatrix(IReadOnlyList<float[]> rows)
    {
        var result = new double[rows.Count, rows[0].Length];
        for (int i = 0; i < rows.Count; i++)
            for (int j = 0; j < rows[i].Length; j++) result[i, j] = rows[i][j];
        return result;
    }
}
