using static TorchSharp.torch;

namespace MLNetTemporal.Probing;

/// <summary>Which probes a sweep fits.</summary>
[Flags]
public enum ProbeKinds { Ridge = 1, Mlp = 2, Both = Ridge | Mlp }

/// <summary>One probe at one layer: its test metrics and the fitted model.</summary>
public sealed record LayerProbeResult(int Layer, string Probe, ProbeEvaluation Test, ProbeModel Model, double[][] TestPredictions);

/// <summary>Fits a probe per layer on the train rows and evaluates it on the test rows (the layer sweep of the paper).</summary>
public static class LayerSweep
{
    /// <param name="target">Time or place, for the metrics.</param>
    /// <param name="layers">The block index of each feature set.</param>
    /// <param name="features">features[layer set][row]: activations of every row.</param>
    /// <param name="targets">Every row's target.</param>
    /// <param name="isTest">Which rows are held out.</param>
    /// <param name="kinds">Which probes to fit.</param>
    /// <param name="ridge">Ridge options (alpha grid).</param>
    /// <param name="mlp">MLP options.</param>
    /// <param name="device">Where the MLP trains.</param>
    /// <param name="progress">Reports "layer N: probe R²" lines.</param>
    /// <param name="cancellationToken">Stops between probes.</param>
    public static IReadOnlyList<LayerProbeResult> Run(ProbeTarget target, IReadOnlyList<int> layers, float[][][] features, IReadOnlyList<double[]> targets,
        IReadOnlyList<bool> isTest, ProbeKinds kinds = ProbeKinds.Both, RidgeProbeOptions? ridge = null, MlpProbeOptions? mlp = null,
        Device? device = null, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        if (features.Length != layers.Count) throw new ArgumentException($"{features.Length} feature sets for {layers.Count} layers");
        var train = Enumerable.Range(0, targets.Count).Where(i => !isTest[i]).ToArray();
        var test = Enumerable.Range(0, targets.Count).Where(i => isTest[i]).ToArray();
        if (train.Length == 0) throw new ArgumentException("the training split is empty");
        if (test.Length < 2) throw new ArgumentException($"the test split has {test.Length} rows; evaluation needs at least 2");
        var trainTargets = train.Select(i => targets[i]).ToList();
        var testTargets = test.Select(i => targets[i]).ToArray();
        var results = new List<LayerProbeResult>();
        for (int l = 0; l < layers.Count; l++)
        {
            var trainX = train.Select(i => features[l][i]).ToList();
            var testX = test.Select(i => features[l][i]).ToList();
            var models = new List<ProbeModel>();
            cancellationToken.ThrowIfCancellationRequested();
            if (kinds.HasFlag(ProbeKinds.Ridge)) models.Add(RidgeProbe.Fit(trainX, trainTargets, ridge));
            cancellationToken.ThrowIfCancellationRequested();
            if (kinds.HasFlag(ProbeKinds.Mlp)) models.Add(MlpProbe.Fit(trainX, trainTargets, mlp, device, cancellationToken));
            foreach (var model in models)
            {
                var predictions = model.Predict(testX);
                var evaluation = ProbeMetrics.Evaluate(target, testTargets, predictions);
                results.Add(new LayerProbeResult(layers[l], model.Name, evaluation, model, predictions));
                progress?.Report($"layer {layers[l]}: {model.Name} test R² {evaluation.RSquared:F3}, Spearman {evaluation.Spearman:F3}");
            }
        }
        return results;
    }
}
