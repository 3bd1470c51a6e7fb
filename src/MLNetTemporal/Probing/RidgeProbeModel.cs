using MLNetTemporal.Pipeline;

namespace MLNetTemporal.Probing;

/// <summary>A linear probe fitted by <see cref="RidgeRegression"/> on z-scored targets.</summary>
public sealed class RidgeProbeModel : ProbeModel
{
    public const string KindName = "ridge";

    internal RidgeProbeModel(RidgeSolution solution, TargetScaler scaler) : base(solution.Weights.GetLength(0), scaler)
    {
        Solution = solution;
    }

    /// <summary>Weights (d × outputs, on z-scored targets), intercept, the alpha chosen and each alpha's leave-one-out error.</summary>
    public RidgeSolution Solution { get; }

    public double Alpha => Solution.Alpha;

    public override string Name => KindName;

    /// <summary>The unit direction in activation space along which output <paramref name="output"/> increases.</summary>
    public double[] Direction(int output = 0)
    {
        var w = Enumerable.Range(0, InputSize).Select(i => Solution.Weights[i, output]).ToArray();
        var norm = Math.Sqrt(w.Sum(v => v * v));
        return norm == 0 ? w : w.Select(v => v / norm).ToArray();
    }

    private protected override double[] PredictScaled(ReadOnlySpan<float> features) => Solution.Predict(features);

    internal override void SaveTo(TemporalSaveContext context, string entry) =>
        context.WriteJson($"{entry}/ridge.json", new Saved(Scaler, Solution.Alpha, Solution.Alphas, Solution.LeaveOneOutErrors,
            Solution.Intercept, Enumerable.Range(0, InputSize).Select(i => Enumerable.Range(0, OutputSize).Select(j => Solution.Weights[i, j]).ToArray()).ToArray()));

    internal static RidgeProbeModel LoadFrom(TemporalLoadContext context, string entry)
    {
        var saved = context.ReadJson<Saved>($"{entry}/ridge.json");
        if (saved.Weights.Length == 0 || saved.Weights.Any(r => r.Length != saved.Intercept.Length) || saved.Intercept.Length != saved.Scaler.Mean.Length)
            throw context.Invalid($"{entry}/ridge.json", "has weights, intercept and scaler of inconsistent sizes");
        var weights = new double[saved.Weights.Length, saved.Intercept.Length];
        for (int i = 0; i < saved.Weights.Length; i++)
            for (int j = 0; j < saved.Intercept.Length; j++) weights[i, j] = saved.Weights[i][j];
        return new RidgeProbeModel(new RidgeSolution(weights, saved.Intercept, saved.Alpha, saved.Alphas, saved.LeaveOneOutErrors), saved.Scaler);
    }

    private sealed record Saved(TargetScaler Scaler, double Alpha, double[] Alphas, double[] LeaveOneOutErrors, double[] Intercept, double[][] Weights);
}
