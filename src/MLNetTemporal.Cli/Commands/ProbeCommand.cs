using System.CommandLine;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Studies.Pretraining;
using MLNetTemporal.Probing;
using MLNetTemporal.Runtime;
using MLNetTemporal.Studies.Probing;

namespace MLNetTemporal.Cli.Commands;

/// <summary>Probes a model's hidden states for when (a date column) or where (latitude and longitude columns).</summary>
internal static class ProbeCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Hugging Face model folder, or 'default' for the built-in default model", DefaultValueFactory = _ => "default" };
        var data = new Option<string>("--data") { Description = "TSV/CSV with a header; 'builtin' for the built-in corpus's entities; 'newsmakers' for the office holders, products and trends of its news, dated by when they are in the news; 'headlines' for its dated held-out sentences (use --pooling EntityMean)", DefaultValueFactory = _ => "builtin" };
        var text = new Option<string>("--text-column") { Description = "the entity column", DefaultValueFactory = _ => "Name" };
        var target = new Option<string?>("--target-column") { Description = "dates: years or ISO dates (converted to fractional years)" };
        var lat = new Option<string?>("--lat-column") { Description = "latitude in degrees, [-90, 90]" };
        var lon = new Option<string?>("--lon-column") { Description = "longitude in degrees, [-180, 180]" };
        var builtinTarget = new Option<string>("--builtin-target") { Description = "with --data builtin: time or place", DefaultValueFactory = _ => "time" };
        var prompt = new Option<string>("--prompt") { Description = "empty, random, allcaps, or a descriptive prefix such as \"When was \" (or text with {entity})", DefaultValueFactory = _ => "empty" };
        var pooling = new Option<ProbePooling>("--pooling") { Description = "EntityLastToken, SequenceLastToken or EntityMean", DefaultValueFactory = _ => ProbePooling.EntityLastToken };
        var layers = new Option<string>("--layers") { Description = "all, N, N-M or a comma list", DefaultValueFactory = _ => "all" };
        var probe = new Option<string>("--probe") { Description = "ridge, mlp or both", DefaultValueFactory = _ => "both" };
        var split = new Option<string?>("--split-column") { Description = "column marking test rows (true/1/yes/test)" };
        var group = new Option<string?>("--group-column") { Description = "hold out whole groups of this column (generalization)" };
        var alphas = new Option<string>("--alphas") { Description = "ridge alpha grid as log10 exponents FROM:TO:COUNT (METHODS.md: 0.8:4.1:12; small models need smaller alphas)", DefaultValueFactory = _ => "0.8:4.1:12" };
        var mlpBatch = new Option<int>("--mlp-batch-size") { Description = "MLP probe batch size (METHODS.md: 512; small datasets train better with less)", DefaultValueFactory = _ => 512 };
        var control = new Option<bool>("--no-control") { Description = "skip the randomly initialised control model" };
        var outFolder = CommonOptions.OutFolder("report folder (summary.json, CSV, PNG)");
        var (seed, device) = (CommonOptions.Seed(), CommonOptions.Device());
        var command = new Command("probe", "fit linear and MLP probes per layer for an entity's time or place (Gurnee & Tegmark 2023)")
        {
            model, data, text, target, lat, lon, builtinTarget, prompt, pooling, layers, probe, alphas, mlpBatch, split, group, control, outFolder, seed, device,
        };
        command.SetAction((r, ct) =>
        {
            var log = new ConsoleProgress();
            int s = r.GetValue(seed);
            var dataPath = r.GetValue(data)!;
            var dataset = dataPath == "headlines" ? BuiltInProbeData.Headlines(seed: s)
                : dataPath == "newsmakers" ? BuiltInProbeData.Newsmakers(seed: s)
                : dataPath == "builtin"
                ? BuiltInProbeData.Entities(r.GetValue(builtinTarget)!.ToLowerInvariant() switch
                {
                    "time" => ProbeTarget.Time,
                    "place" => ProbeTarget.Place,
                    var other => throw new ArgumentException($"--builtin-target must be time or place, not '{other}'"),
                }, seed: s)
                : ProbeDataset.Read(dataPath, new ProbeFileColumns(r.GetValue(text)!, r.GetValue(target), r.GetValue(lat), r.GetValue(lon), r.GetValue(split), r.GetValue(group)), seed: s);
            var folder = r.GetValue(model)!;
            if (folder == "default") folder = DefaultModel.Build(new DefaultModelOptions { Device = r.GetValue(device)! }, log, log, ct).ModelFolder;
            using var lm = LanguageModel.Load(folder, ComputeDevice.Resolve(r.GetValue(device)));
            var options = new ProbeStudyOptions
            {
                Prompt = ProbePrompt.Parse(r.GetValue(prompt)!, s),
                Pooling = r.GetValue(pooling),
                Layers = r.GetValue(layers)!,
                Probes = r.GetValue(probe)!.ToLowerInvariant() switch
                {
                    "ridge" or "linear" => ProbeKinds.Ridge,
                    "mlp" => ProbeKinds.Mlp,
                    "both" => ProbeKinds.Both,
                    var other => throw new ArgumentException($"--probe must be ridge, mlp or both, not '{other}'"),
                },
                Control = !r.GetValue(control),
                Ridge = new RidgeProbeOptions { Alphas = AlphaGrid(r.GetValue(alphas)!) },
                Mlp = new MlpProbeOptions { Seed = s, BatchSize = r.GetValue(mlpBatch) },
            };
            var summary = ProbeStudy.Run(lm, folder, dataset, options, r.GetValue(outFolder), log, ct);
            Console.WriteLine($"{summary.Target} probe, {summary.TrainRows} train / {summary.TestRows} test entities, prompt {summary.Prompt}");
            Console.WriteLine($"{"layer",5} {"probe",6} {"R2 [95% CI]",22} {"Spearman",9} {"prox.err",9}{(summary.Control is null ? "" : $" {"control R2 [95% CI]",22}")}");
            foreach (var l in summary.Layers)
            {
                var c = summary.Control?.FirstOrDefault(x => x.Layer == l.Layer && x.Probe == l.Probe);
                Console.WriteLine($"{l.Layer,5} {l.Probe,6} {Interval(l),22} {l.Spearman,9:F3} {l.ProximityError,9:F3}{(c is null ? "" : $" {Interval(c),22}")}");
            }
            Console.WriteLine($"best: layer {summary.Best.Layer} {summary.Best.Probe} R2 {Interval(summary.Best)}; report in {r.GetValue(outFolder)}");
            return Task.FromResult(0);
        });
        return command;
    }

    private static string Interval(LayerSummary s) => $"{s.RSquared:F3} [{s.RSquaredLow:F3}, {s.RSquaredHigh:F3}]";

    private static double[] AlphaGrid(string text)
    {
        var parts = text.Split(':');
        if (parts.Length == 3
            && double.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var from)
            && double.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var to)
            && int.TryParse(parts[2], System.Globalization.CultureInfo.InvariantCulture, out var count) && count > 0)
            return RidgeRegression.LogSpace(from, to, count);
        throw new ArgumentException($"--alphas must be FROM:TO:COUNT (log10 exponents and a positive count), not '{text}'");
    }
}
