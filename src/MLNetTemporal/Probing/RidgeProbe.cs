namespace MLNetTemporal.Probing;

/// <summary>Fits the linear probe: ridge on z-scored targets, alpha by leave-one-out over a grid.</summary>
public static class RidgeProbe
{
    public static RidgeProbeModel Fit(IReadOnlyList<float[]> features, IReadOnlyList<double[]> targets, RidgeProbeOptions? options = null)
    {
        options ??= new RidgeProbeOptions();
        options.Validate();
        ProbeData.CheckRows(features, targets);
        var scaler = TargetScaler.Fit(targets);
        var solution = RidgeRegression.Fit(ProbeData.ToMatrix(features), scaler.Scale(targets), options.AlphaGrid);
        return new RidgeProbeModel(solution, scaler);
    }
}
