using MLNetTemporal.Pipeline;

namespace MLNetTemporal.Probing;

/// <summary>A Linear-ReLU-Linear probe trained by <see cref="MlpProbe"/>; evaluated on the CPU from its weights.</summary>
public sealed class MlpProbeModel : ProbeModel
{
    public const string KindName = "mlp";

    /// <param name="hidden">Row-major input × hidden weights.</param>
    /// <param name="hiddenBias">One bias per hidden unit.</param>
    /// <param name="output">Row-major hidden × outputs weights.</param>
    /// <param name="outputBias">One bias per output.</param>
    /// <param name="scaler">The training targets' scaling.</param>
    /// <param name="weightDecay">The weight decay chosen on the validation split.</param>
    /// <param name="validationLoss">Mean squared error (z-scored) on the validation split at the kept epoch.</param>
    internal MlpProbeModel(float[] hidden, float[] hiddenBias, float[] output, float[] outputBias, TargetScaler scaler, double weightDecay, double validationLoss)
        : base(hidden.Length / hiddenBias.Length, scaler)
    {
        if (output.Length != hiddenBias.Length * outputBias.Length || outputBias.Length != scaler.Mean.Length)
            throw new ArgumentException("MLP probe weights of inconsistent sizes");
        Hidden = hidden;
        HiddenBias = hiddenBias;
        Output = output;
        OutputBias = outputBias;
        WeightDecay = weightDecay;
        ValidationLoss = validationLoss;
    }

    internal float[] Hidden { get; }
    internal float[] HiddenBias { get; }
    internal float[] Output { get; }
    internal float[] OutputBias { get; }
    public int HiddenSize => HiddenBias.Length;
    public double WeightDecay { get; }
    public double ValidationLoss { get; }
    public override string Name => KindName;

    private protected override double[] PredictScaled(ReadOnlySpan<float> features)
    {
        var h = Affine(features, Hidden, HiddenBias, InputSize, HiddenSize).Select(v => (float)Math.Max(0, v)).ToArray();
        return Affine(h, Output, OutputBias, HiddenSize, OutputSize);
    }

    internal override void SaveTo(TemporalSaveContext context, string entry) =>
        context.WriteJson($"{entry}/mlp.json", new Saved(Scaler, WeightDecay, ValidationLoss, InputSize, Hidden, HiddenBias, Output, OutputBias));

    internal static MlpProbeModel LoadFrom(TemporalLoadContext context, string entry)
    {
        var s = context.ReadJson<Saved>($"{entry}/mlp.json");
        try
        {
            if (s.Hidden.Length != s.InputSize * s.HiddenBias.Length) throw new ArgumentException("hidden weights do not match InputSize × hidden units");
            return new MlpProbeModel(s.Hidden, s.HiddenBias, s.Output, s.OutputBias, s.Scaler, s.WeightDecay, s.ValidationLoss);
        }
        catch (ArgumentException e)
        {
            throw context.Invalid($"{entry}/mlp.json", e.Message, e);
        }
    }

    private sealed record Saved(TargetScaler Scaler, double WeightDecay, double ValidationLoss, int InputSize,
        float[] Hidden, float[] HiddenBias, float[] Output, float[] OutputBias);
}
