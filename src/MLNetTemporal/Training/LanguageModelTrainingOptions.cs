namespace MLNetTemporal.Training;

/// <summary>Causal-LM fine-tuning and pretraining settings (defaults: METHODS.md's time-vector fine-tuning).</summary>
public sealed record LanguageModelTrainingOptions : TrainingOptions
{
    /// <summary>Tokens per language-modelling block.</summary>
    public int BlockSize { get; set; } = 128;
    /// <summary>Blocks per micro-batch; the effective batch is this times <see cref="TrainingOptions.GradientAccumulationSteps"/>.</summary>
    public int BatchSize { get; set; } = 16;
    /// <summary>Blocks per batch when evaluating.</summary>
    public int EvaluationBatchSize { get; set; } = 32;
}
