using MLNetTemporal.LanguageModels;
using MLNetTemporal.Training;
using MLNetTemporal.WeightSpace;
using TorchSharp.Modules;

namespace MLNetTemporal.TaskSpaces;

/// <summary>What a fine-tuning run on a task's pairs did.</summary>
/// <param name="Training">The training loop's record (steps, losses, time).</param>
/// <param name="MaskedEntries">Entries the FTGD mask allowed to change (per step for <see cref="MaskSchedule.EveryStep"/>); null for plain fine-tuning.</param>
public sealed record TaskFineTuningResult(TrainingResult Training, long? MaskedEntries);

/// <summary>
/// Fine-tunes a model in place on a task's minimal pairs through the library's <see cref="TrainingLoop"/>: FTGD
/// (gradient differential, top-k mask) or, as the baseline, plain fine-tuning of every parameter on the good sentences.
/// </summary>
public static class TaskFineTuning
{
    /// <summary>
    /// FTGD: every step descends the gradient differential of a batch of pairs, with all but the top-k entries
    /// zeroed before clipping and the AdamW step. With <see cref="MaskSchedule.Fixed"/> the mask is
    /// <paramref name="mask"/> when given (e.g. shared with the gradient probe), else computed here from the pairs.
    /// </summary>
    public static TaskFineTuningResult Ftgd(LanguageModel model, IReadOnlyList<MinimalPair> pairs, FtgdOptions options, WeightMask? mask = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options.ValidateForPairs();
        var parameters = ModelWeights.Trainable(model);
        if (options.Mask == MaskSchedule.EveryStep)
        {
            if (mask is not null) throw new ArgumentException("a fixed mask was given but FtgdOptions.Mask is EveryStep", nameof(mask));
            var result = Run(model, pairs, options, PairLoss.Differential, parameters, () => RestrictToOwnTopK(model, parameters, options.TopKFraction), progress, cancellationToken);
            return new TaskFineTuningResult(result, WeightMask.KeptFor(options.TopKFraction, parameters.Values.Sum(p => p.numel())));
        }
        using var owned = mask is null ? ComputeMask(model, pairs, options, cancellationToken) : null;
        using var onDevice = (mask ?? owned!).To(model.Device);
        return new TaskFineTuningResult(
            Run(model, pairs, options, PairLoss.Differential, parameters, () => onDevice.RestrictGradients(parameters), progress, cancellationToken), onDevice.Kept);
    }

    /// <summary>The baseline: every parameter trained on -log p(good), same optimiser, steps and batches as FTGD.</summary>
    public static TaskFineTuningResult Plain(LanguageModel model, IReadOnlyList<MinimalPair> pairs, FtgdOptions options,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options.ValidateForPairs();
        return new TaskFineTuningResult(Run(model, pairs, options, PairLoss.GoodSentences, ModelWeights.Trainable(model), null, progress, cancellationToken), null);
    }

    /// <summary>The top-k mask of the pairs' mean gradient differential at the model's current weights.</summary>
    public static WeightMask ComputeMask(LanguageModel model, IReadOnlyList<MinimalPair> pairs, FtgdOptions options, CancellationToken cancellationToken = default)
    {
        using var differential = GradientDifferential.Mean(model, pairs, options.BatchSize, options.MaxTokens, cancellationToken);
        return differential.TopK(options.TopKFraction);
    }

    private static TrainingResult Run(LanguageModel model, IReadOnlyList<MinimalPair> pairs, FtgdOptions options,
        Func<CausalLanguageModel, IReadOnlyList<EncodedPair>, BatchLoss> loss, OrderedDictionary<string, Parameter> parameters, Action? transformGradients,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        if (pairs.Count == 0) throw new ArgumentException("no pair to fine-tune on", nameof(pairs));
        var encoded = PairLoss.Encode(model, pairs, options.MaxTokens);
        IReadOnlyList<EncodedPair[]> Batches(int epoch)
        {
            var order = encoded.ToArray();
            new Random(unchecked((int)options.Seed + epoch) & int.MaxValue).Shuffle(order);
            return order.Chunk(options.BatchSize).ToList();
        }
        return TrainingLoop.Run(model.Module, [.. parameters.Values], Batches, batch => loss(model.Module, batch), options,
            transformGradients: transformGradients, progress: progress, cancellationToken: cancellationToken);
    }

    private static void RestrictToOwnTopK(LanguageModel model, OrderedDictionary<string, Parameter> parameters, double fraction)
    {
        using var gradient = WeightVector.Gradient(model);
        using var mask = gradient.TopK(fraction);
        mask.RestrictGradients(parameters);
    }
}
