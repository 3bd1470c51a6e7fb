// Scores the built-in minimal pairs with the default model in an ML.NET pipeline (accuracy per task), then builds
// the model's task space from gradient differentials and clusters the tasks.
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.Studies.Pretraining;
using MLNetTemporal.TaskSpaces;
using MLNetTemporal.Studies.TaskSpaces;

var report = DefaultModel.Build(new DefaultModelOptions(), new Progress<string>(Console.WriteLine));
var pairs = BuiltInMinimalPairs.Generate(pairsPerTask: 40);
var mlContext = new MLContext(seed: 1);
var data = mlContext.Data.LoadFromEnumerable(pairs.Select(p => new PairRow { Good = p.Good, Bad = p.Bad, Task = p.Task, Term = p.Term }).ToList());

// 1. Minimal-pair scoring: one row per pair, log p(good) - log p(bad) and whether the model prefers the good sentence.
using var scorer = mlContext.Temporal().ScoreMinimalPairs(new MinimalPairScoringOptions { ModelPath = report.ModelFolder }).Fit(data);
var scored = mlContext.Data.CreateEnumerable<ScoredPair>(scorer.Transform(data), reuseRowObject: false).ToList();
Console.WriteLine($"{"task",-44} {"accuracy",8}");
foreach (var task in scored.GroupBy(r => r.Task))
    Console.WriteLine($"{task.Key,-44} {task.Average(r => r.Correct ? 1.0 : 0.0),8:F3}");

// 2. The task space from gradient differentials (no fine-tuning: a minute on a laptop CPU), clustered into families.
var space = mlContext.Temporal().TaskSpace(new TaskSpaceEstimatorOptions
{
    ModelPath = report.ModelFolder,
    Study = new TaskSpaceOptions { Method = TaskSpaceMethod.Gradient },
}).Fit(data);
var result = space.Result!;
foreach (var g in result.Grouping)
    Console.WriteLine($"{g.Matrix}: same family {g.WithinMean:F3}, different family {g.BetweenMean:F3} (permutation p {g.PValue:F3})");
foreach (var cluster in space.Clusters.GroupBy(kv => kv.Value).OrderBy(c => c.Key))
    Console.WriteLine($"cluster {cluster.Key}: {string.Join(", ", cluster.Select(kv => kv.Key))}");

internal sealed class PairRow
{
    [ColumnName("sentence_good")] public string Good { get; set; } = "";
    [ColumnName("sentence_bad")] public string Bad { get; set; } = "";
    [ColumnName("UID")] public string Task { get; set; } = "";
    [ColumnName("linguistics_term")] public string Term { get; set; } = "";
}

internal sealed class ScoredPair
{
    [ColumnName("UID")] public string Task { get; set; } = "";
    public float LogProbDifference { get; set; }
    public bool Correct { get; set; }
}
