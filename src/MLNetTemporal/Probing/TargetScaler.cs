namespace MLNetTemporal.Probing;

/// <summary>Z-scores targets with the training rows' mean and standard deviation, per output, and undoes it.</summary>
public sealed record TargetScaler(double[] Mean, double[] Std)
{
    public static TargetScaler Fit(IReadOnlyList<double[]> targets)
    {
        int k = targets[0].Length;
        var mean = new double[k];
        var std = new double[k];
        for (int j = 0; j < k; j++)
        {
            mean[j] = targets.Average(t => t[j]);
            var variance = targets.Average(t => (t[j] - mean[j]) * (t[j] - mean[j]));
            // A constant target keeps unit scale rather than dividing by zero.
            std[j] = variance > 0 ? Math.Sqrt(variance) : 1;
        }
        return new TargetScaler(mean, std);
    }

    public double[,] Scale(IReadOnlyList<double[]> targets)
    {
        var result = new double[targets.Count, Mean.Length];
        for (int i = 0; i < targets.Count; i++)
            for (int j = 0; j < Mean.Length; j++)
                result[i, j] = (targets[i][j] - Mean[j]) / Std[j];
        return result;
    }

    public double[] Unscale(double[] scaled) => scaled.Select((v, j) => v * Std[j] + Mean[j]).ToArray();
}
