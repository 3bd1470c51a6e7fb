using MLNetTemporal.LanguageModels.Hooks;
using MLNetTemporal.Numerics;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MLNetTemporal.Anchors;

/// <summary>
/// Predicted and real confusion between classes, both on a 0..1 scale where lower means more confused: predicted
/// from how far apart the label words' keys are as seen by target queries, real as the AUC-ROC of telling class i
/// from class j by p_i / p_j. Diagonals are 1.
/// </summary>
public sealed record DiagnosisResult(int Layer, int Components, double[,] Predicted, double[,] Real, double Correlation);

/// <summary>
/// Error diagnosis from anchors: the queries of the target position and the keys of the label words in one layer
/// (heads concatenated); PCA of the queries; k_i' = (k_i V^T) · singular values, averaged over a class's
/// demonstrations; predicted confusion ||k_i' - k_j'|| / max ||k_s' - k_t'||; Pearson correlation with the real
/// confusion over the class pairs.
/// </summary>
public static class ErrorDiagnosis
{
    public static DiagnosisResult Run(InContextClassifier classifier, IReadOnlyList<Demonstration> test, int layer = -1, int components = 10,
        int batchSize = 16, CancellationToken cancellationToken = default)
    {
        var prompt = classifier.Prompt;
        int layers = classifier.Model.Config.NumLayers, classes = prompt.ClassCount;
        if (layer == -1) layer = layers - 1;
        if (layer < 0 || layer >= layers) throw new ArgumentOutOfRangeException(nameof(layer), layer, $"layer must be -1 (last) or 0..{layers - 1}");
        var missing = Enumerable.Range(0, classes).Where(c => prompt.Demonstrations.All(d => d.Class != c)).ToList();
        if (missing.Count > 0) throw new ArgumentException($"error diagnosis needs a demonstration of every class; none of {string.Join(", ", missing.Select(c => prompt.Format.Classes[c]))}");
        var names = HookNames.Layer(layer);
        var queries = test.Select(t => prompt.EncodeQuery(t.Text)).ToList();
        var targetQueries = new List<float[]>();
        var classLogits = new List<float[]>();
        float[][]? labelKeys = null;
        using var context = classifier.EncodeContext();
        using (no_grad())
            for (int start = 0; start < queries.Count; start += batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var batch = classifier.Collate(queries.Skip(start).Take(batchSize).ToList());
                var hooks = new ActivationHooks().Capture(names.Query, names.Key);
                using var captured = hooks.Cache;
                var logits = classifier.ClassLogits(classifier.TargetLogits(batch, context, hooks)).to(ScalarType.Float32).cpu();
                var q = captured[names.Query].to(ScalarType.Float32).cpu();      // [batch, heads, seq, d]
                for (int b = 0; b < batch.Targets.Length; b++)
                {
                    targetQueries.Add(q[b, TensorIndex.Colon, batch.Targets[b]].flatten().data<float>().ToArray());
                    classLogits.Add(logits[b].data<float>().ToArray());
                }
                labelKeys ??= prompt.LabelPositions
                    .Select(p => captured[names.Key][0, TensorIndex.Colon, p].flatten().to(ScalarType.Float32).cpu().data<float>().ToArray()).ToArray();
            }

        using var scope2 = NewDisposeScope();
        var x = tensor(targetQueries.SelectMany(v => v).ToArray(), [targetQueries.Count, targetQueries[0].Length], dtype: ScalarType.Float32).to(ScalarType.Float64);
        var (_, s, vh) = linalg.svd(x - x.mean([0], keepdim: true), fullMatrices: false);
        int kept = (int)Math.Min(components, s.shape[0]);
        var basis = vh[TensorIndex.Slice(0, kept)];
        var keys = tensor(labelKeys!.SelectMany(v => v).ToArray(), [labelKeys!.Length, labelKeys[0].Length]).to(ScalarType.Float64);
        var projected = keys.matmul(basis.T) * s[TensorIndex.Slice(0, kept)];
        var perClass = stack(Enumerable.Range(0, classes).Select(c =>
            projected.index_select(0, tensor(prompt.Demonstrations.Select((d, i) => (d, i)).Where(x => x.d.Class == c).Select(x => (long)x.i).ToArray())).mean([0])).ToArray());
        var distances = cdist(perClass.unsqueeze(0), perClass.unsqueeze(0)).squeeze(0);
        var largest = distances.max().item<double>();
        var predicted = new double[classes, classes];
        var real = new double[classes, classes];
        var truth = test.Select(t => t.Class).ToArray();
        for (int i = 0; i < classes; i++)
            for (int j = 0; j < classes; j++)
            {
                if (i == j) { predicted[i, j] = real[i, j] = 1; continue; }
                predicted[i, j] = largest > 0 ? distances[i, j].item<double>() / largest : 0;
                // Higher p_i / p_j should mean class i: log p_i - log p_j = logit_i - logit_j.
                double Score(int n) => classLogits[n][i] - classLogits[n][j];
                var positives = Enumerable.Range(0, truth.Length).Where(n => truth[n] == i).Select(Score).ToList();
                var negatives = Enumerable.Range(0, truth.Length).Where(n => truth[n] == j).Select(Score).ToList();
                real[i, j] = Statistics.RocAuc(positives, negatives);
            }
        var (predictedPairs, realPairs) = Statistics.OffDiagonal(predicted, real, symmetrise: true);
        // Two class pairs always correlate ±1, which says nothing about the diagnosis.
        return new DiagnosisResult(layer, kept, predicted, real, predictedPairs.Length < 3 ? double.NaN : Statistics.Pearson(predictedPairs, realPairs));
    }
}
