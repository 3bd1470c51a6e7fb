namespace MLNetTemporal.Training;

/// <summary>How the learning rate moves after warm-up.</summary>
public enum LearningRateSchedule
{
    Cosine,
    Linear,
    Constant,
}

/// <summary>Optimiser and schedule settings shared by every training routine in the library.</summary>
public record TrainingOptions
{
    /// <summary>Peak learning rate of AdamW (METHODS.md: 8e-4 for full fine-tuning of a small model).</summary>
    public double LearningRate { get; set; } = 8e-4;
    /// <summary>Decoupled weight decay, applied to matrices only (not to biases, norms).</summary>
    public double WeightDecay { get; set; } = 0.01;
    public double Beta1 { get; set; } = 0.9;
    public double Beta2 { get; set; } = 0.999;
    public double Epsilon { get; set; } = 1e-8;
    /// <summary>Passes over the data; ignored when <see cref="MaxSteps"/> is set.</summary>
    public int Epochs { get; set; } = 1;
    /// <summary>Optimiser steps to take (cycling over the data); null: <see cref="Epochs"/> passes.</summary>
    public int? MaxSteps { get; set; }
    /// <summary>Micro-batches whose gradients add up to one optimiser step.</summary>
    public int GradientAccumulationSteps { get; set; } = 1;
    /// <summary>Fraction of steps of linear warm-up from 0 to the peak learning rate.</summary>
    public double WarmupFraction { get; set; } = 0.05;
    public LearningRateSchedule Schedule { get; set; } = LearningRateSchedule.Cosine;
    /// <summary>The schedule's final learning rate as a fraction of the peak.</summary>
    public double MinLearningRateRatio { get; set; } = 0.1;
    /// <summary>Global gradient-norm clip; 0 or less disables clipping.</summary>
    public double MaxGradNorm { get; set; } = 1.0;
    /// <summary>Seeds data order, dropout and initialisation.</summary>
    public long Seed { get; set; } = 42;
    /// <summary>Evaluate every this many optimiser steps (0: only at the end).</summary>
    public int EvaluateEvery { get; set; }
    /// <summary>
    /// Hand the model to the loop's checkpoint callback every this many optimiser steps, before the last (0: never),
    /// so that one run yields its own earlier states.
    /// </summary>
    public int CheckpointEvery { get; set; }

    internal void Validate()
    {
        static void Check(bool ok, string name, object value, string rule)
        {
            if (!ok) throw new ArgumentOutOfRangeException(name, value, $"{name} {rule}");
        }
        Check(LearningRate > 0, nameof(LearningRate), LearningRate, "must be positive");
        Check(WeightDecay >= 0, nameof(WeightDecay), WeightDecay, "must be non-negative");
        Check(Epochs > 0, nameof(Epochs), Epochs, "must be positive");
        Check(MaxSteps is null or > 0, nameof(MaxSteps), MaxSteps!, "must be positive");
        Check(CheckpointEvery >= 0, nameof(CheckpointEvery), CheckpointEvery, "must be non-negative");
        Check(GradientAccumulationSteps > 0, nameof(GradientAccumulationSteps), GradientAccumulationSteps, "must be positive");
        Check(WarmupFraction is >= 0 and < 1, nameof(WarmupFraction), WarmupFraction, "must be in [0, 1)");
        Check(MinLearningRateRatio is >= 0 and <= 1, nameof(MinLearningRateRatio), MinLearningRateRatio, "must be in [0, 1]");
    }

    /// <summary>Learning rate at optimiser step <paramref name="step"/> (0-based) of <paramref name="total"/>.</summary>
    public double LearningRateAt(int step, int total)
    {
        int warmup = (int)Math.Round(WarmupFraction * total);
        if (step < warmup) return LearningRate * (step + 1) / warmup;
        if (Schedule == LearningRateSchedule.Constant || total <= warmup + 1) return LearningRate;
        double progress = (double)(step - warmup) / (total - warmup - 1);
        double shape = Schedule == LearningRateSchedule.Cosine ? 0.5 * (1 + Math.Cos(Math.PI * progress)) : 1 - progress;
        return LearningRate * (MinLearningRateRatio + (1 - MinLearningRateRatio) * shape);
    }
}
