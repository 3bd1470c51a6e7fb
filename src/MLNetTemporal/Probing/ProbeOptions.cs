namespace MLNetTemporal.Probing;

/// <summary>The columns every probe trainer reads and writes (ML.NET regression-trainer conventions).</summary>
public abstract class ProbeOptions
{
    /// <summary>Single (one target, e.g. year) or a known-size Single vector (e.g. latitude, longitude).</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>Known-size Single vector: the captured activations.</summary>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>Added column of the label's type: the prediction in the label's units.</summary>
    public string ScoreColumnName { get; set; } = "Score";

    internal virtual void Validate()
    {
        if (string.IsNullOrWhiteSpace(LabelColumnName)) throw new ArgumentException("LabelColumnName is empty");
        if (string.IsNullOrWhiteSpace(FeatureColumnName)) throw new ArgumentException("FeatureColumnName is empty");
        if (string.IsNullOrWhiteSpace(ScoreColumnName)) throw new ArgumentException("ScoreColumnName is empty");
    }
}

/// <summary>Options of the ridge probe.</summary>
public sealed class RidgeProbeOptions : ProbeOptions
{
    /// <summary>Alphas tried by leave-one-out cross-validation; null: logspace(0.8, 4.1, 12).</summary>
    public double[]? Alphas { get; set; }

    internal double[] AlphaGrid => Alphas ?? RidgeRegression.DefaultAlphas();

    internal override void Validate()
    {
        base.Validate();
        if (Alphas is { } a && (a.Length == 0 || a.Any(x => !(x > 0))))
            throw new ArgumentOutOfRangeException(nameof(Alphas), "Alphas must be a non-empty list of positive numbers");
    }
}

/// <summary>Options of the MLP probe (METHODS.md section 2 defaults).</summary>
public sealed class MlpProbeOptions : ProbeOptions
{
    public int HiddenSize { get; set; } = 256;
    public double LearningRate { get; set; } = 1e-3;
    public int BatchSize { get; set; } = 512;
    public int MaxEpochs { get; set; } = 20;
    /// <summary>Epochs without a lower validation loss before training stops (the best epoch's weights are kept).</summary>
    public int Patience { get; set; } = 3;
    /// <summary>Share of the training rows held out for early stopping and for choosing the weight decay.</summary>
    public double ValidationFraction { get; set; } = 0.1;
    /// <summary>Weight decays tried; the one with the lowest validation loss is kept.</summary>
    public double[] WeightDecays { get; set; } = [0.01, 0.03, 0.1, 0.3];
    public int Seed { get; set; } = 42;

    internal override void Validate()
    {
        base.Validate();
        static void Check(bool ok, string name, object value, string rule)
        {
            if (!ok) throw new ArgumentOutOfRangeException(name, value, $"{name} {rule}");
        }
        Check(HiddenSize > 0, nameof(HiddenSize), HiddenSize, "must be positive");
        Check(LearningRate > 0, nameof(LearningRate), LearningRate, "must be positive");
        Check(BatchSize > 0, nameof(BatchSize), BatchSize, "must be positive");
        Check(MaxEpochs > 0, nameof(MaxEpochs), MaxEpochs, "must be positive");
        Check(Patience > 0, nameof(Patience), Patience, "must be positive");
        Check(ValidationFraction is > 0 and < 1, nameof(ValidationFraction), ValidationFraction, "must be in (0, 1)");
        Check(WeightDecays.Length > 0 && WeightDecays.All(w => w >= 0), nameof(WeightDecays), WeightDecays, "must be a non-empty list of non-negative numbers");
    }
}
