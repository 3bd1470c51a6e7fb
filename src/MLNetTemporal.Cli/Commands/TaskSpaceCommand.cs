using System.CommandLine;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Studies.Pretraining;
using MLNetTemporal.Runtime;
using MLNetTemporal.TaskSpaces;
using MLNetTemporal.Studies.TaskSpaces;

namespace MLNetTemporal.Cli.Commands;

/// <summary>The task space of a model over minimal-pair tasks: FTGD gains, transfer and gradient similarity, clustering.</summary>
internal static class TaskSpaceCommand
{
    public static Command Create()
    {
        var defaults = new FtgdOptions();
        var model = new Option<string?>("--model") { Description = "Hugging Face model folder (default: the built-in default model, built or taken from the cache)" };
        var pairs = new Option<string?>("--pairs") { Description = "BLiMP JSONL or TSV of minimal pairs (default: the built-in pairs)" };
        var pairsPerTask = new Option<int>("--pairs-per-task") { Description = "built-in pairs generated per task", DefaultValueFactory = _ => 80 };
        var lenient = new Option<bool>("--lenient") { Description = "skip malformed lines of --pairs (listed) instead of failing" };
        var tasks = new Option<string?>("--tasks") { Description = "comma-separated task names (UID) to keep" };
        var method = new Option<string>("--method") { Description = "transfer, gradient or both", DefaultValueFactory = _ => "both" };
        var topK = new Option<double>("--top-k") { Description = "fraction of parameters FTGD may change", DefaultValueFactory = _ => defaults.TopKFraction };
        var steps = new Option<int>("--steps") { Description = "FTGD (and plain fine-tuning) steps per task", DefaultValueFactory = _ => defaults.MaxSteps!.Value };
        var lr = new Option<double>("--learning-rate") { DefaultValueFactory = _ => defaults.LearningRate };
        var batch = new Option<int>("--batch-size") { Description = "pairs per step", DefaultValueFactory = _ => defaults.BatchSize };
        var mask = new Option<string>("--mask") { Description = "fixed (one mask per task) or every-step", DefaultValueFactory = _ => "fixed" };
        var measure = new Option<string>("--measure") { Description = "score whose change is gain and transfer: margin or accuracy", DefaultValueFactory = _ => "margin" };
        var normalization = new Option<string>("--normalization") { Description = "sum (BLiMP) or per-token log-probabilities", DefaultValueFactory = _ => "sum" };
        var grouping = new Option<string>("--grouping") { Description = "labels to test the task space against: term (linguistics_term) or field", DefaultValueFactory = _ => "term" };
        var noPlain = new Option<bool>("--no-plain") { Description = "skip the plain fine-tuning baseline" };
        var general = new Option<int>("--perplexity-sentences") { Description = "held-out built-in corpus sentences for general perplexity (0: skip)", DefaultValueFactory = _ => 400 };
        var compare = new Option<string?>("--compare-model") { Description = "another checkpoint of the same model (e.g. earlier in pretraining): its task space is built too and correlated" };
        var output = CommonOptions.OutFolder("report folder (summary.json, CSV, PNG heatmaps)");
        var (seed, device) = (CommonOptions.Seed(), CommonOptions.Device());
        var command = new Command("task-space", "FTGD on minimal-pair tasks and the task x task space of a model (Weber et al. 2024)")
        {
            model, pairs, pairsPerTask, lenient, tasks, method, topK, steps, lr, batch, mask, measure, normalization, grouping, noPlain, general, compare, output, seed, device,
        };
        command.SetAction((r, ct) =>
        {
            var log = new ConsoleProgress();
            var set = LoadPairs(r.GetValue(pairs), r.GetValue(pairsPerTask), r.GetValue(lenient), r.GetValue(seed));
            if (r.GetValue(tasks) is { } names) set = set.Select(names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            var options = new TaskSpaceOptions
            {
                Ftgd = new FtgdOptions
                {
                    TopKFraction = r.GetValue(topK), MaxSteps = r.GetValue(steps), LearningRate = r.GetValue(lr), BatchSize = r.GetValue(batch),
                    Mask = Parse<MaskSchedule>(r.GetValue(mask)!, "--mask"), Seed = r.GetValue(seed),
                },
                Method = Parse<TaskSpaceMethod>(r.GetValue(method)!, "--method"),
                TransferMeasure = Parse<ScoreMeasure>(r.GetValue(measure)!, "--measure"),
                Normalization = Parse<ScoreNormalization>(r.GetValue(normalization)!, "--normalization"),
                Grouping = r.GetValue(grouping) == "field" ? TaskGrouping.Field : r.GetValue(grouping) == "term" ? TaskGrouping.LinguisticsTerm
                    : throw new ArgumentException($"--grouping must be term or field, not '{r.GetValue(grouping)}'"),
                CompareWithPlainFineTuning = !r.GetValue(noPlain),
                Seed = r.GetValue(seed),
            };
            var generalTexts = r.GetValue(general) > 0 ? GeneralText.BuiltInHeldOut(r.GetValue(general), r.GetValue(seed)) : null;
            var deviceName = r.GetValue(device)!;
            var modelFolder = r.GetValue(model) ?? DefaultModel.Build(new DefaultModelOptions { Device = deviceName }, log, log, ct).ModelFolder;
            var progress = new Progress<TaskSpaceProgress>(p => log.Report($"{p.Stage} {p.Task} ({p.Done + 1}/{p.Total})"));

            using var lm = LanguageModel.Load(modelFolder, ComputeDevice.Resolve(deviceName));
            log.Report($"{set.Tasks.Count} tasks, {set.Count} pairs; model {modelFolder}");
            var result = TaskSpaceStudy.Run(lm, set, options, generalTexts, progress, ct);
            List<TaskSpaceCorrelation>? comparisons = null;
            if (r.GetValue(compare) is { } other)
            {
                using var otherModel = LanguageModel.Load(other, ComputeDevice.Resolve(deviceName));
                log.Report($"building the task space of {other} for comparison");
                var otherResult = TaskSpaceStudy.Run(otherModel, set, options, generalTexts, progress, ct);
                comparisons = result.Matrices.Select(m => TaskSpaceComparison.Correlate(m, otherResult.Matrix(m.Name))).ToList();
            }
            var folder = TaskSpaceReport.Write(r.GetValue(output)!, result, options, comparisons,
                new Dictionary<string, object> { ["model"] = modelFolder, ["pairs"] = r.GetValue(pairs) ?? "built-in", ["compare_model"] = r.GetValue(compare) ?? "" });
            Print(result, comparisons);
            Console.WriteLine($"report: {folder}");
            return Task.FromResult(0);
        });
        return command;
    }

    private static MinimalPairSet LoadPairs(string? path, int perTask, bool lenient, int seed)
    {
        if (path is null) return new MinimalPairSet(BuiltInMinimalPairs.Generate(perTask, seed));
        var load = MinimalPairFile.Read(path, new MinimalPairReadOptions { Lenient = lenient });
        foreach (var line in load.Skipped) Console.Error.WriteLine($"skipped {line}");
        return load.Pairs;
    }

    internal static T Parse<T>(string value, string option) where T : struct, Enum =>
        Enum.TryParse<T>(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new ArgumentException($"{option} must be one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}, not '{value}'");

    private static void Print(TaskSpaceResult result, IReadOnlyList<TaskSpaceCorrelation>? comparisons)
    {
        Console.WriteLine($"{"task",-44} {"base acc",8} {"ftgd acc",8} {"plain acc",9} {"ftgd ppl",8} {"plain ppl",9}");
        foreach (var o in result.Outcomes)
            Console.WriteLine($"{o.Task,-44} {o.Baseline.Accuracy,8:F3} {o.Ftgd?.Accuracy,8:F3} {o.Plain?.Accuracy,9:F3} {o.FtgdPerplexity,8:F3} {o.PlainPerplexity,9:F3}");
        if (result.BaselinePerplexity is { } p) Console.WriteLine($"baseline perplexity {p:F3}");
        foreach (var g in result.Grouping)
            Console.WriteLine($"{g.Matrix}: same family {g.WithinMean:F3}, different family {g.BetweenMean:F3}, correlation {g.Correlation:F3}, permutation p {g.PValue:F4}");
        foreach (var c in comparisons ?? [])
            Console.WriteLine($"{c.Matrix} vs the other checkpoint: Pearson {c.Pearson:F3}, Spearman {c.Spearman:F3} over {c.Entries} task pairs");
    }
}
