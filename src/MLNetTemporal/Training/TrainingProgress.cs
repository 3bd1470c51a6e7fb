namespace MLNetTemporal.Training;

/// <summary>Reported after every optimiser step (and after each evaluation).</summary>
/// <param name="Step">Optimiser steps done.</param>
/// <param name="TotalSteps">Optimiser steps planned.</param>
/// <param name="Epoch">Current pass over the data (0-based).</param>
/// <param name="Loss">Mean training loss of this step.</param>
/// <param name="LearningRate">Learning rate used by this step.</param>
/// <param name="ItemsPerSecond">Throughput since training began (tokens for language models, examples otherwise).</param>
/// <param name="EvaluationLoss">Validation loss when this step ended with an evaluation.</param>
public sealed record TrainingProgress(int Step, int TotalSteps, int Epoch, double Loss, double LearningRate, double ItemsPerSecond, double? EvaluationLoss = null);

/// <summary>What a training run did.</summary>
public sealed record TrainingResult(int Steps, double FinalTrainingLoss, double? FinalEvaluationLoss, long ItemsSeen, TimeSpan Elapsed, IReadOnlyList<TrainingProgress> History);
