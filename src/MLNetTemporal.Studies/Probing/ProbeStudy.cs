using MLNetTemporal.LanguageModels;
using MLNetTemporal.Studies.Reports;
using MLNetTemporal.Probing;

namespace MLNetTemporal.Studies.Probing;

/// <summary>Per layer and probe: test R² with its 95% bootstrap interval, Spearman, Pearson, Kendall, MAE, RMSE, proximity error, and the probe's chosen regulariser.</summary>
public sealed record LayerSummary(int Layer, string Probe, double RSquared, double RSquaredLow, double RSquaredHigh, double Spearman, double Pearson, double Kendall,
    double MeanAbsoluteError, double RootMeanSquaredError, double ProximityError, double Regularisation);

/// <summary>What a probe study found.</summary>
public sealed record ProbeStudySummary(string Model, string Data, string Target, string Prompt, string Pooling, int TrainRows, int TestRows,
    IReadOnlyList<LayerSummary> Layers, LayerSummary Best, IReadOnlyList<LayerSummary>? Control, LayerSummary? ControlBest,
    IReadOnlyList<NeuronScore> Neurons);

/// <summary>
/// The whole method on one model and dataset: capture every selected layer, fit ridge and MLP probes per layer,
/// evaluate on the test split, optionally repeat on a randomly initialised copy (the control), rank neurons,
/// and write summary.json, CSV tables and PNG plots with <see cref="StudyReport"/>.
/// </summary>
public static class ProbeStudy
{
    public static ProbeStudySummary Run(LanguageModel model, string modelName, ProbeDataset data, ProbeStudyOptions options, string? outFolder,
        IProgress<string>? log = null, CancellationToken cancellationToken = default)
    {
        var layers = LayerSelection.Parse(options.Layers, model.Config.NumLayers, "--layers");
        var (results, captured) = Sweep(model, data, layers, options, log, cancellationToken);
        var summaries = results.Select(Summarise).ToList();
        var best = results.Where(r => r.Probe == RidgeProbeModel.KindName || !options.Probes.HasFlag(ProbeKinds.Ridge)).MaxBy(r => r.Test.RSquared)!;

        List<LayerSummary>? control = null;
        if (options.Control)
        {
            log?.Report("control: the same probes on a randomly initialised model of the same shape");
            using var random = LanguageModel.Create(model.Config, model.Tokenizer, options.ControlSeed, model.Device);
            control = Sweep(random, data, layers, options, log, cancellationToken).Results.Select(Summarise).ToList();
        }

        IReadOnlyList<NeuronScore> neurons = [];
        if (options.TopNeurons > 0)
        {
            log?.Report("neuron search");
            var train = data.Rows.Where(r => !r.IsTest).ToList();
            var direction = best.Model is RidgeProbeModel ridge ? ridge.Direction() : null;
            neurons = NeuronSearch.Run(model, captured, train.Select(r => r.Entity).ToList(), train.Select(r => r.Target[0]).ToList(),
                direction, options.TopNeurons, options.BatchSize, cancellationToken);
        }

        var summary = new ProbeStudySummary(modelName, data.Source, data.Target.ToString(), options.Prompt.Label, options.Pooling.ToString(),
            data.Train.Count, data.Test.Count, summaries, Summarise(best), control,
            control?.Where(c => c.Probe == best.Probe).MaxBy(c => c.RSquared), neurons);
        if (outFolder is not null) Write(outFolder, summary, data, best);
        return summary;
    }

    private static (IReadOnlyList<LayerProbeResult> Results, ActivationCapture Capture) Sweep(LanguageModel model, ProbeDataset data, int[] layers,
        ProbeStudyOptions options, IProgress<string>? log, CancellationToken cancellationToken)
    {
        var capture = new ActivationCapture(model, options.Prompt, options.Pooling, options.MaxTokens);
        log?.Report($"capturing {layers.Length} layers for {data.Rows.Count} entities");
        var features = capture.Run(data.Rows.Select(r => r.Entity).ToList(), ActivationCapture.ResidualPoints(layers), options.BatchSize, cancellationToken: cancellationToken);
        var results = LayerSweep.Run(data.Target, layers, features, data.Rows.Select(r => r.Target).ToList(), data.Rows.Select(r => r.IsTest).ToList(),
            options.Probes, options.Ridge, options.Mlp, model.Device, log, cancellationToken);
        return (results, capture);
    }

    private static LayerSummary Summarise(LayerProbeResult r) => new(r.Layer, r.Probe, r.Test.RSquared, r.Test.RSquaredLow, r.Test.RSquaredHigh, r.Test.Spearman, r.Test.Pearson, r.Test.Kendall,
        r.Test.MeanAbsoluteError, r.Test.RootMeanSquaredError, r.Test.ProximityError,
        r.Model switch { RidgeProbeModel ridge => ridge.Alpha, MlpProbeModel mlp => mlp.WeightDecay, _ => double.NaN });

    private static void Write(string folder, ProbeStudySummary summary, ProbeDataset data, LayerProbeResult best)
    {
        using var report = new StudyReport(folder);
        report.Summary(summary);
        string[] header = ["layer", "probe", "r2", "r2_low95", "r2_high95", "spearman", "pearson", "kendall", "mae", "rmse", "proximity_error", "regularisation"];
        static IReadOnlyList<object?> Row(LayerSummary s, string prefix) =>
            [s.Layer, prefix + s.Probe, s.RSquared, s.RSquaredLow, s.RSquaredHigh, s.Spearman, s.Pearson, s.Kendall, s.MeanAbsoluteError, s.RootMeanSquaredError, s.ProximityError, s.Regularisation];
        report.Csv("layers.csv", header, summary.Layers.Select(s => Row(s, "")).Concat((summary.Control ?? []).Select(s => Row(s, "control-"))));

        var series = summary.Layers.GroupBy(s => s.Probe).Select(g => (Label: g.Key == "ridge" ? "linear (ridge)" : "MLP", X: g.Select(s => (double)s.Layer).ToArray(), Y: g.Select(s => s.RSquared).ToArray()))
            .Concat((summary.Control ?? []).GroupBy(s => s.Probe).Select(g => (Label: $"control {g.Key}", X: g.Select(s => (double)s.Layer).ToArray(), Y: g.Select(s => s.RSquared).ToArray())));
        report.Lines("r2_by_layer.png", $"{summary.Target} probe: test R² by layer", "layer", "test R²", series);

        var test = data.Test;
        var names = data.TargetNames;
        report.Csv("predictions.csv", ["entity", "group", .. names.Select(n => "true_" + n.ToLowerInvariant()), .. names.Select(n => "predicted_" + n.ToLowerInvariant())],
            test.Select((r, i) => (IReadOnlyList<object?>)[r.Entity, r.Group, .. r.Target.Cast<object?>(), .. best.TestPredictions[i].Cast<object?>()]));
        for (int k = 0; k < names.Length; k++)
            report.Scatter($"predicted_vs_true_{names[k].ToLowerInvariant()}.png", $"{names[k]}: {best.Probe} probe at layer {best.Layer} (test R² {best.Test.RSquaredPerOutput[k]:F2})",
                $"true {names[k]}", $"predicted {names[k]}", test.Select(r => r.Target[k]).ToArray(), best.TestPredictions.Select(p => p[k]).ToArray(), identityLine: true);
        if (data.Target == ProbeTarget.Place)
            report.Scatter("map.png", $"places: predicted positions of the test entities, {best.Probe} probe at layer {best.Layer}", "predicted longitude", "predicted latitude",
                best.TestPredictions.Select(p => p[1]).ToArray(), best.TestPredictions.Select(p => p[0]).ToArray());
        report.Csv("neurons.csv", ["layer", "neuron", "spearman", "cosine_with_probe"], summary.Neurons.Select(n => (IReadOnlyList<object?>)[n.Layer, n.Index, n.Spearman, n.CosineWithProbe]));
        report.Complete();
    }
}
