using MLNetTemporal.LanguageModels;
using static TorchSharp.torch;

namespace MLNetTemporal.Training;

/// <summary>Fine-tunes or pretrains a causal LM on token blocks, and measures perplexity, through <see cref="TrainingLoop"/>.</summary>
public static class LanguageModelTrainer
{
    /// <summary>
    /// Trains every parameter of <paramref name="model"/> in place; <paramref name="checkpoint"/> receives the step
    /// number every <see cref="TrainingOptions.CheckpointEvery"/> steps.
    /// </summary>
    public static TrainingResult Train(
        CausalLanguageModel model,
        TokenBlocks train,
        TokenBlocks? validation,
        LanguageModelTrainingOptions options,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default,
        Action<int>? checkpoint = null)
    {
        if (train.Count == 0)
            throw new ArgumentException($"the training text yields no complete block of {options.BlockSize} tokens", nameof(train));
        Func<double>? evaluate = validation is null || validation.Count == 0
            ? null
            : () => Evaluate(model, validation, options.EvaluationBatchSize, cancellationToken).Mean;
        return TrainingLoop.Run(
            model,
            model.parameters().ToList(),
            epoch => train.Batches(options.BatchSize, unchecked((int)options.Seed + epoch)),
            batch => LanguageModelLoss.Compute(model, batch),
            options,
            evaluate,
            progress: progress,
            cancellationToken: cancellationToken,
            checkpoint: checkpoint);
    }

    /// <summary>Negative log-likelihood (hence mean loss and perplexity) over every predicted token of the blocks.</summary>
    public static NegativeLogLikelihood Evaluate(CausalLanguageModel model, TokenBlocks blocks, int batchSize = 32, CancellationToken cancellationToken = default)
    {
        if (blocks.Count == 0) throw new ArgumentException("no text to evaluate: the blocks are empty", nameof(blocks));
        bool wasTraining = model.training;
        model.eval();
        var sum = default(NegativeLogLikelihood);
        using (no_grad())
        {
            foreach (var batch in blocks.Batches(batchSize, seed: null))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var (loss, n) = LanguageModelLoss.Compute(model, batch);
                // The batch's float32 mean loss times its tokens: the figures in the docs were measured this way.
                sum += new NegativeLogLikelihood(loss.to(ScalarType.Float64).item<double>() * n, n);
            }
        }
        if (wasTraining) model.train();
        return sum;
    }
}
