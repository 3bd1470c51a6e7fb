using MLNetTemporal.Studies.Reports;
using MLNetTemporal.TaskSpaces;
using MLNetTemporal.Studies.Corpus;

namespace MLNetTemporal.Studies.TaskSpaces;

/// <summary>
/// Writes a study through <see cref="StudyReport"/>: <c>summary.json</c> (per-task scores, gains and perplexity,
/// every matrix, dendrogram orders, grouping tests, comparisons), <c>tasks.csv</c>, and per matrix a CSV and a
/// PNG heatmap with rows and columns in the matrix's dendrogram order.
/// </summary>
public static class TaskSpaceReport
{
    public static string Write(string folder, TaskSpaceResult result, TaskSpaceOptions options, IReadOnlyList<TaskSpaceCorrelation>? comparisons = null,
        IReadOnlyDictionary<string, object>? context = null)
    {
        using var report = new StudyReport(folder);
        report.Csv("tasks.csv",
            ["task", "group", "pairs", "baseline_accuracy", "baseline_margin", "ftgd_accuracy", "ftgd_margin", "ftgd_perplexity", "plain_accuracy", "plain_margin", "plain_perplexity"],
            result.Outcomes.Select(o => (IReadOnlyList<object?>)[o.Task, o.Group, o.Baseline.Pairs, o.Baseline.Accuracy, o.Baseline.MeanMargin,
                o.Ftgd?.Accuracy, o.Ftgd?.MeanMargin, o.FtgdPerplexity, o.Plain?.Accuracy, o.Plain?.MeanMargin, o.PlainPerplexity]));
        foreach (var matrix in result.Matrices)
        {
            var ordered = matrix.Reordered(result.Dendrograms[matrix.Name].Order);
            report.MatrixCsv($"{matrix.Name}.csv", ordered.Tasks, ordered.Tasks, ordered.Values);
            report.Heatmap($"{matrix.Name}.png", $"{matrix.Name} (rows: task A, columns: task B; dendrogram order)", ordered.Tasks, ordered.Tasks, ordered.Values, matrix.Name);
        }
        var ftgd = result.Outcomes.Where(o => o.Ftgd is not null).ToList();
        report.Summary(new
        {
            context,
            options = new
            {
                method = options.Method.ToString(),
                top_k_fraction = options.Ftgd.TopKFraction,
                mask = options.Ftgd.Mask.ToString(),
                steps = options.Ftgd.MaxSteps,
                learning_rate = options.Ftgd.LearningRate,
                batch_size = options.Ftgd.BatchSize,
                held_out_fraction = options.HeldOutFraction,
                normalization = options.Normalization.ToString(),
                transfer_measure = options.TransferMeasure.ToString(),
                linkage = options.Linkage.ToString(),
                grouping = options.Grouping.ToString(),
                seed = options.Seed,
            },
            elapsed_seconds = result.Elapsed.TotalSeconds,
            baseline_perplexity = result.BaselinePerplexity,
            tasks = result.Outcomes.Select(o => new
            {
                task = o.Task, group = o.Group, held_out_pairs = o.Baseline.Pairs,
                baseline_accuracy = o.Baseline.Accuracy, baseline_margin = o.Baseline.MeanMargin,
                ftgd_accuracy = o.Ftgd?.Accuracy, ftgd_margin = o.Ftgd?.MeanMargin,
                ftgd_accuracy_gain = o.FtgdAccuracyGain, ftgd_margin_gain = o.FtgdMarginGain,
                ftgd_perplexity = o.FtgdPerplexity, ftgd_perplexity_change = o.FtgdPerplexity - result.BaselinePerplexity,
                plain_accuracy = o.Plain?.Accuracy, plain_margin = o.Plain?.MeanMargin,
                plain_accuracy_gain = o.PlainAccuracyGain, plain_margin_gain = o.PlainMarginGain,
                plain_perplexity = o.PlainPerplexity, plain_perplexity_change = o.PlainPerplexity - result.BaselinePerplexity,
            }),
            ftgd_vs_plain = ftgd.Count == 0 ? null : new
            {
                mean_ftgd_accuracy_gain = ftgd.Average(o => o.FtgdAccuracyGain!.Value),
                mean_plain_accuracy_gain = ftgd.Where(o => o.Plain is not null).Select(o => o.PlainAccuracyGain!.Value).DefaultIfEmpty(double.NaN).Average(),
                mean_ftgd_margin_gain = ftgd.Average(o => o.FtgdMarginGain!.Value),
                mean_plain_margin_gain = ftgd.Where(o => o.Plain is not null).Select(o => o.PlainMarginGain!.Value).DefaultIfEmpty(double.NaN).Average(),
                mean_ftgd_perplexity_change = ftgd.Select(o => o.FtgdPerplexity - result.BaselinePerplexity).Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(double.NaN).Average(),
                mean_plain_perplexity_change = ftgd.Select(o => o.PlainPerplexity - result.BaselinePerplexity).Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(double.NaN).Average(),
            },
            matrices = result.Matrices.Select(m => new
            {
                name = m.Name, description = m.Description, tasks = m.Tasks, values = m.Rows(),
                clustered_order = result.Dendrograms[m.Name].Order.Select(i => m.Tasks[i]),
                merges = result.Dendrograms[m.Name].Merges,
            }),
            grouping = result.Grouping.Select(g => new
            {
                matrix = g.Matrix, within_group_mean = g.WithinMean, between_group_mean = g.BetweenMean, difference = g.Difference,
                correlation = g.Correlation, permutation_p_value = g.PValue, permutations = g.Permutations,
            }),
            comparisons,
        });
        return report.Complete();
    }
}
