using MLNetTemporal.Training;
using MLNetTemporal.LanguageModels;

namespace MLNetTemporal.TaskSpaces;

/// <summary>When FTGD chooses which parameters it may change.</summary>
public enum MaskSchedule
{
    /// <summary>
    /// Once, from the task's mean gradient differential over its training pairs at the starting weights; every step
    /// then changes only those entries (AdamW's moments of the others stay exactly zero), so the whole run touches
    /// exactly k entries. The same mask as the gradient-similarity probe's.
    /// </summary>
    Fixed,
    /// <summary>
    /// Again at every step, from that step's gradient differential. Each step's gradient is restricted to its own
    /// mask, but AdamW's momentum keeps moving entries that were in an earlier step's mask, so over a run more than
    /// k entries may change.
    /// </summary>
    EveryStep,
}

/// <summary>
/// Settings of FTGD (fine-tuning via gradient differentials) and of plain fine-tuning on the good sentences, which
/// share them so the two are compared at the same steps and learning rate. The optimiser is the library's AdamW
/// with weight decay off: decoupled decay would shrink every parameter, masked or not.
/// </summary>
public sealed record FtgdOptions : TrainingOptions
{
    public FtgdOptions()
    {
        WeightDecay = 0;
        LearningRate = 1e-3;
        MaxSteps = 30;
        WarmupFraction = 0;
        Schedule = LearningRateSchedule.Constant;
    }

    /// <summary>Fraction of all trainable parameter entries FTGD may change, chosen by |gradient differential| (global top-k).</summary>
    public double TopKFraction { get; set; } = 0.01;

    /// <summary>When the mask is chosen.</summary>
    public MaskSchedule Mask { get; set; } = MaskSchedule.Fixed;

    /// <summary>Pairs per micro-batch (each pair is two sentences).</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>Longest sentence in tokens, start token included; longer ones are cut.</summary>
    public int MaxTokens { get; set; } = 128;

    internal void ValidateForPairs()
    {
        Validate();
        if (TopKFraction is <= 0 or > 1 || double.IsNaN(TopKFraction))
            throw new ArgumentOutOfRangeException(nameof(TopKFraction), TopKFraction, "FtgdOptions.TopKFraction must be in (0, 1]");
        if (WeightDecay != 0)
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "FtgdOptions.WeightDecay must be 0: AdamW's decoupled decay would change parameters outside the FTGD mask");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "FtgdOptions.BatchSize must be positive");
        if (MaxTokens < 2) throw new ArgumentOutOfRangeException(nameof(MaxTokens), MaxTokens, "FtgdOptions.MaxTokens must be at least 2");
    }
}
