using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using MLNetTemporal.Catalog;
using MLNetTemporal.Data;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.TimeVectors;
using MLNetTemporal.WeightSpace;
using MLNetTemporal.Pipeline;
using MLNetTemporal.TextFeatures;

namespace MLNetTemporal.Cli.Commands;

/// <summary>
/// Searching coefficients of time vectors on a period's held-out text (every tenth row, as time-study holds out):
/// <c>sweep</c> (interpolation alpha between two periods) and <c>greedy-soup</c> (greedy time soup, compared with
/// the single periods and the uniform soup). Vectors come from a folder of a saved time-vector set (time-study's
/// <c>&lt;out&gt;.vectors</c>).
/// </summary>
internal static class TimeAdaptationCommands
{
    private static Option<string> Base() => new("--base") { Description = "base model folder the vectors were fitted from", Required = true };
    private static Option<string[]> VectorFolder() => new("--vectors")
    {
        Description = "time vectors: a saved time-vector set, folders of .safetensors vectors (time-study's <out>.vectors) or vector files",
        Required = true, AllowMultipleArgumentsPerToken = true,
    };
    private static Option<string> Period() => CommonOptions.ValidPeriod(new Option<string>("--period") { Description = "the period whose held-out rows (every tenth) are scored", Required = true });

    public static IEnumerable<Command> Create() => [Sweep(), GreedySoup()];

    private static Command Sweep()
    {
        var (baseModel, vectors, data, period) = (Base(), VectorFolder(), CommonOptions.Data(), Period());
        var between = new Option<string[]>("--between") { Description = "the two periods to interpolate (alpha weights the first; default: the set's first and last)", AllowMultipleArgumentsPerToken = true };
        var points = new Option<int>("--points") { Description = "grid points of alpha in 0..1", DefaultValueFactory = _ => new TimeAdaptationSweepOptions().Points };
        var refinements = new Option<int>("--refinements") { Description = "rounds of refinement around the best alpha, halving the step" };
        var (device, dateColumn, textColumn) = (CommonOptions.Device(), CommonOptions.DateColumn(), CommonOptions.TextColumn());
        var command = new Command("sweep", "perplexity of base + alpha*tau_a + (1-alpha)*tau_b over an alpha grid on a period's held-out text, and the best alpha")
        {
            baseModel, vectors, data, period, between, points, refinements, device, dateColumn, textColumn,
        };
        command.SetAction((r, ct) =>
        {
            var texts = HeldOut(r.GetValue(data)!, r.GetValue(dateColumn)!, r.GetValue(textColumn)!, r.GetValue(period)!);
            using var set = TimeVectorSet.Load(r.GetValue(vectors)!);
            var pair = r.GetValue(between) is { Length: > 0 } given ? given : [set.Periods[0], set.Periods[^1]];
            if (pair.Length != 2) throw new ArgumentException($"--between takes two periods, got {pair.Length}");
            using var lm = LanguageModel.Load(r.GetValue(baseModel)!, Runtime.ComputeDevice.Resolve(r.GetValue(device)));
            var ml = new MLContext(seed: 1);
            var validation = ml.Data.LoadFromEnumerable(texts.Select(t => new TextRow { Text = t }));
            var result = ml.Temporal().SweepTimeAdaptation(new TextScoringOptions { Model = lm }, new TimeAdaptationOptions { TimeVectors = set, Periods = pair },
                validation, new TimeAdaptationSweepOptions { Points = r.GetValue(points), Refinements = r.GetValue(refinements) },
                new Progress<SweepPoint>(p => Console.Error.WriteLine($"  {p}")), ct);
            Console.WriteLine($"period {r.GetValue(period)}: {texts.Count} held-out rows; alpha weights {pair[0]}, 1 - alpha weights {pair[1]}");
            Console.WriteLine($"{"alpha",6}  {"perplexity",10}");
            foreach (var p in result.Table.OrderBy(p => p.Setting["Alpha"]))
                Console.WriteLine($"{Alpha(p),6}  {p.Metric,10:F4}");
            Console.WriteLine($"best alpha {Alpha(result.Best)}: perplexity {result.Best.Metric:F4}");
            return Task.FromResult(0);
        });
        return command;
    }

    private static Command GreedySoup()
    {
        var (baseModel, vectors, data, period) = (Base(), VectorFolder(), CommonOptions.Data(), Period());
        var rounds = new Option<int>("--max-rounds") { Description = "rounds of the greedy soup", DefaultValueFactory = _ => 20 };
        var output = CommonOptions.RefuseForeignFolder(new Option<string?>("--out") { Description = "save the greedy soup as a model folder" });
        var (device, dateColumn, textColumn) = (CommonOptions.Device(), CommonOptions.DateColumn(), CommonOptions.TextColumn());
        var command = new Command("greedy-soup", "greedy time soup chosen on half of a period's held-out rows, compared on the other half with each period and the uniform soup")
        {
            baseModel, vectors, data, period, rounds, output, device, dateColumn, textColumn,
        };
        command.SetAction((r, ct) =>
        {
            var texts = HeldOut(r.GetValue(data)!, r.GetValue(dateColumn)!, r.GetValue(textColumn)!, r.GetValue(period)!);
            if (texts.Count < 2) throw new InvalidDataException($"period {r.GetValue(period)} has {texts.Count} held-out row(s); the soup needs a dev and a test half");
            using var set = TimeVectorSet.Load(r.GetValue(vectors)!);
            using var lm = LanguageModel.Load(r.GetValue(baseModel)!, Runtime.ComputeDevice.Resolve(r.GetValue(device)));
            var comparison = TimeSoupComparison.Run(lm, set, texts, (m, t) => Perplexity(m, t, ct), SweepGoal.Minimize, r.GetValue(rounds), ct);
            var soup = comparison.Soup;

            Console.WriteLine($"period {r.GetValue(period)}: dev {comparison.Dev.Count} rows, test {comparison.Test.Count} rows");
            Console.WriteLine($"{"model",-28}  {"dev ppl",8}  {"test ppl",8}");
            foreach (var row in comparison.Rows) Console.WriteLine($"{row.Model,-28}  {row.Dev,8:F4}  {row.Test,8:F4}");
            Console.WriteLine($"greedy soup weights: {string.Join(", ", soup.Weights.Select(kv => $"{kv.Key} {kv.Value.ToString("0.###", CultureInfo.InvariantCulture)}"))} ({soup.ScoreByRound.Count} rounds)");
            if (r.GetValue(output) is { } folder)
            {
                using var greedy = TimeSoup.Apply(lm, set, soup.Counts);
                greedy.Save(folder, new Dictionary<string, string>
                {
                    ["base_hash"] = ModelWeights.Hash(lm),
                    ["coefficients"] = string.Join(" + ", soup.Weights.Select(kv => $"{kv.Value.ToString("G6", CultureInfo.InvariantCulture)}*{kv.Key}")),
                });
                Console.WriteLine($"saved {folder}");
            }
            return Task.FromResult(0);
        });
        return command;
    }

    private static List<string> HeldOut(string path, string dateColumn, string textColumn, string period)
    {
        var texts = HeldOutSplit.Split([.. CommonOptions.ReadRows(path, dateColumn, textColumn, period).Select(row => row.Text)]).HeldOut;
        return texts.Count > 0 ? texts : throw new InvalidDataException($"{path}: period {period} has no held-out row");
    }

    /// <summary>Token-weighted perplexity of the texts, the metric the sweep uses.</summary>
    private static double Perplexity(LanguageModel model, IReadOnlyList<string> texts, CancellationToken ct) =>
        NegativeLogLikelihood.Sum(model.Score(texts, cancellationToken: ct).Select(s => s.Loss)).Perplexity;

    private static string Alpha(SweepPoint p) => p.Setting["Alpha"].ToString("0.0###", CultureInfo.InvariantCulture);

    private sealed class TextRow
    {
        public string Text { get; set; } = "";
    }
}
