using MLNetTemporal.LanguageModels;
using MLNetTemporal.WeightSpace;
using static TorchSharp.torch;

namespace MLNetTemporal.TaskSpaces;

/// <summary>
/// A task's mean gradient differential: the mean over its pairs of grad(-log p(good)) - grad(-log p(bad)) with
/// respect to every trainable parameter, at the model's current weights. What the two sentences share (their words,
/// the frame) cancels; what is left is the direction that separates good from bad.
/// </summary>
public static class GradientDifferential
{
    /// <summary>
    /// The mean differential over <paramref name="pairs"/> as a gradient vector over the trainable parameters
    /// (<see cref="WeightVector.Gradient"/>), computed in batches; the model's weights are unchanged.
    /// </summary>
    public static WeightVector Mean(LanguageModel model, IReadOnlyList<MinimalPair> pairs, int batchSize = 16, int maxTokens = 128, CancellationToken cancellationToken = default)
    {
        if (pairs.Count == 0) throw new ArgumentException("no pair to take the gradient differential of", nameof(pairs));
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "BatchSize must be positive");
        var encoded = PairLoss.Encode(model, pairs, maxTokens);
        bool wasTraining = model.Module.training;
        model.Module.eval();
        model.Module.zero_grad();
        try
        {
            foreach (var batch in encoded.Chunk(batchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var (loss, n) = PairLoss.Differential(model.Module, batch);
                // Weighted by batch size, so the sum over batches is the mean over all pairs.
                (loss * (n / (double)encoded.Length)).backward();
            }
            return WeightVector.Gradient(model);
        }
        finally
        {
            model.Module.zero_grad();
            if (wasTraining) model.Module.train();
        }
    }
}
