using MLNetTemporal.Training;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;
using MLNetTemporal.LanguageModels;

namespace MLNetTemporal.Anchors;

/// <summary>How anchor re-weighting learns beta (METHODS.md §3: Adam, lr 0.01, 10 epochs, batch 1).</summary>
public sealed record AnchorReweightingSettings
{
    public double LearningRate { get; init; } = 0.01;
    public int Epochs { get; init; } = 10;
    public int BatchSize { get; init; } = 1;
    public long Seed { get; init; } = 42;

    /// <summary>Throws naming the setting out of range, so a study fails before its first forward pass.</summary>
    public void Validate()
    {
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "the re-weighting LearningRate must be positive");
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "the re-weighting Epochs must be at least 1");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "the re-weighting BatchSize must be at least 1");
    }
}

/// <summary>
/// Learns <see cref="AnchorWeights"/> on extra labeled examples with the demonstrations fixed: the demonstrations
/// run once into a cache, each step classifies a batch of queries on it with re-weighted attention and
/// back-propagates the cross-entropy over the label words into w only, through the library's one training loop
/// (weight decay, warm-up, decay and clipping off, which makes its AdamW plain Adam).
/// </summary>
public static class AnchorReweighting
{
    public static (AnchorWeights Weights, TrainingResult Training) Train(
        InContextClassifier classifier,
        IReadOnlyList<Demonstration> examples,
        AnchorReweightingSettings settings,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (examples.Count == 0) throw new ArgumentException("anchor re-weighting needs training examples", nameof(examples));
        settings.Validate();
        var prompt = classifier.Prompt;
        if (prompt.LabelPositions.Length == 0) throw new ArgumentException("anchor re-weighting needs at least one demonstration", nameof(classifier));
        var config = classifier.Model.Config;
        var queries = examples.Select(e => (Ids: prompt.EncodeQuery(e.Text), e.Class)).ToArray();
        var weights = new AnchorWeights(config.NumLayers, config.NumHeads, prompt.LabelPositions.Length, classifier.Model.Device);
        using var context = classifier.EncodeContext();
        var frozen = classifier.Model.Module.parameters().Where(p => p.requires_grad).ToList();
        foreach (var p in frozen) p.requires_grad = false;
        try
        {
            var options = new TrainingOptions
            {
                LearningRate = settings.LearningRate, Epochs = settings.Epochs, WeightDecay = 0, WarmupFraction = 0,
                Schedule = LearningRateSchedule.Constant, MaxGradNorm = 0, Seed = settings.Seed,
            };
            var result = TrainingLoop.Run(weights, weights.Layers,
                epoch =>
                {
                    var random = new Random(unchecked((int)settings.Seed + 7919 * epoch));
                    return queries.OrderBy(_ => random.Next()).Chunk(settings.BatchSize).ToList();
                },
                batch =>
                {
                    var collated = classifier.Collate(batch.Select(b => b.Ids).ToList());
                    var hooks = weights.Hooks(collated.Targets, prompt.LabelPositions);
                    var logits = classifier.ClassLogits(classifier.TargetLogits(collated, context, hooks));
                    var labels = tensor(batch.Select(b => (long)b.Class).ToArray(), device: logits.device);
                    return new BatchLoss(F.cross_entropy(logits, labels), batch.Length);
                },
                options, progress: progress, cancellationToken: cancellationToken);
            return (weights, result);
        }
        catch
        {
            weights.Dispose();
            throw;
        }
        finally
        {
            foreach (var p in frozen) p.requires_grad = true;
        }
    }
}
