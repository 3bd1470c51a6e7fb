using System.Diagnostics;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Training;
using MLNetTemporal.WeightSpace;

namespace MLNetTemporal.TaskSpaces;

/// <summary>
/// Builds the task space of a model over a set of minimal-pair tasks (METHODS.md section 4): baseline scores,
/// FTGD on each task from the same starting weights (gain, perplexity change, transfer to every task), plain
/// fine-tuning as the baseline, gradient similarity, clustering of each matrix and the test against the data's grouping.
/// The model passed in is never changed: every fine-tuning runs on a clone.
/// </summary>
public static class TaskSpaceStudy
{
    public const string TransferName = "transfer", CosineName = "gradient_cosine", OverlapName = "mask_overlap";

    /// <param name="model">The starting checkpoint.</param>
    /// <param name="pairs">The tasks' pairs; split per task into training and held-out pairs.</param>
    /// <param name="options">Probes, fine-tuning and analysis settings.</param>
    /// <param name="generalTexts">Text to measure general perplexity on before and after fine-tuning (null: skipped).</param>
    /// <param name="progress">Stage and task as the study advances.</param>
    /// <param name="cancellationToken">Stops between and inside fine-tuning runs.</param>
    public static TaskSpaceResult Run(LanguageModel model, MinimalPairSet pairs, TaskSpaceOptions options, IReadOnlyList<string>? generalTexts = null,
        IProgress<TaskSpaceProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var clock = Stopwatch.StartNew();
        var tasks = pairs.Tasks;
        int n = tasks.Count;
        var groups = tasks.Select(t => pairs.GroupOf(t, options.Grouping)).ToArray();
        var (train, heldOut) = pairs.Split(options.HeldOutFraction, options.Seed);
        var ftgd = options.Ftgd;
        var general = generalTexts is { Count: > 0 } ? model.ToBlocks(generalTexts, options.PerplexityBlockSize, keepPartialLastBlock: true) : null;
        double? Perplexity(LanguageModel m) => general is null ? null : LanguageModelTrainer.Evaluate(m.Module, general, cancellationToken: cancellationToken).Perplexity;
        IReadOnlyList<TaskScore> Scores(LanguageModel m) => MinimalPairScoring.ScoreTasks(m, heldOut, options.Normalization, options.ScoringBatchSize, ftgd.MaxTokens, cancellationToken);

        progress?.Report(new("baseline", "", 0, n));
        var baseline = Scores(model);
        var basePerplexity = Perplexity(model);
        var outcomes = tasks.Select((t, i) => new TaskOutcome(t, groups[i], baseline[i])).ToArray();
        var matrices = new List<TaskSpaceMatrix>();

        bool gradient = options.Method.HasFlag(TaskSpaceMethod.Gradient);
        bool transfer = options.Method.HasFlag(TaskSpaceMethod.Transfer);
        // The fixed FTGD masks are the gradient probe's masks, so both are computed from the same differentials.
        bool needMasks = gradient || (transfer && ftgd.Mask == MaskSchedule.Fixed);
        var masks = new WeightMask?[n];
        try
        {
            if (needMasks)
            {
                var differentials = new WeightVector?[n];
                try
                {
                    for (int i = 0; i < n; i++)
                    {
                        progress?.Report(new("gradient differential", tasks[i], i, n));
                        differentials[i] = GradientDifferential.Mean(model, train[tasks[i]], ftgd.BatchSize, ftgd.MaxTokens, cancellationToken);
                        masks[i] = differentials[i]!.TopK(ftgd.TopKFraction);
                        if (!gradient) { differentials[i]!.Dispose(); differentials[i] = null; }
                    }
                    if (gradient)
                    {
                        matrices.Add(new(CosineName, "cosine similarity of the tasks' mean gradient differentials", tasks,
                            Fill(n, (a, b) => WeightVector.Cosine(differentials[a]!, differentials[b]!))));
                        matrices.Add(new(OverlapName, $"share of task A's top-{ftgd.TopKFraction:P2} mask also in task B's", tasks,
                            Fill(n, (a, b) => masks[a]!.Overlap(masks[b]!))));
                    }
                }
                finally
                {
                    foreach (var d in differentials) d?.Dispose();
                }
            }

            if (transfer)
            {
                var after = new IReadOnlyList<TaskScore>[n];
                for (int i = 0; i < n; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(new("FTGD", tasks[i], i, n));
                    using (var clone = model.Clone())
                    {
                        TaskFineTuning.Ftgd(clone, train[tasks[i]], ftgd, ftgd.Mask == MaskSchedule.Fixed ? masks[i] : null, cancellationToken: cancellationToken);
                        after[i] = Scores(clone);
                        outcomes[i] = outcomes[i] with { Ftgd = after[i][i], FtgdPerplexity = Perplexity(clone) };
                    }
                    if (options.CompareWithPlainFineTuning)
                    {
                        progress?.Report(new("plain fine-tuning", tasks[i], i, n));
                        using var clone = model.Clone();
                        TaskFineTuning.Plain(clone, train[tasks[i]], ftgd, cancellationToken: cancellationToken);
                        var task = MinimalPairScoring.ScoreTasks(clone, heldOut.Select([tasks[i]]), options.Normalization, options.ScoringBatchSize, ftgd.MaxTokens, cancellationToken)[0];
                        outcomes[i] = outcomes[i] with { Plain = task, PlainPerplexity = Perplexity(clone) };
                    }
                }
                var measure = options.TransferMeasure;
                matrices.Insert(0, new(TransferName, $"change of task B's held-out {measure} after FTGD on task A, divided by task A's own change", tasks,
                    Fill(n, (a, b) =>
                    {
                        double gain = after[a][a].Value(measure) - baseline[a].Value(measure);
                        return Math.Abs(gain) < options.MinimumGain ? double.NaN : (after[a][b].Value(measure) - baseline[b].Value(measure)) / gain;
                    })));
            }
        }
        finally
        {
            foreach (var m in masks) m?.Dispose();
        }

        progress?.Report(new("analysis", "", n, n));
        var dendrograms = matrices.ToDictionary(m => m.Name, m => HierarchicalClustering.Cluster(m.Symmetric(), options.Linkage));
        // The test needs two groups and a group with two tasks; otherwise there is nothing to compare.
        int distinct = groups.Distinct().Count();
        var grouping = distinct > 1 && distinct < n
            ? matrices.Select(m => GroupingTest.Run(m, groups, options.Permutations, options.Seed)).ToList()
            : [];
        return new TaskSpaceResult
        {
            Tasks = tasks, Groups = groups, Outcomes = outcomes, BaselinePerplexity = basePerplexity,
            Matrices = matrices, Dendrograms = dendrograms, Grouping = grouping, Elapsed = clock.Elapsed,
        };
    }

    private static double[,] Fill(int n, Func<int, int, double> value)
    {
        var m = new double[n, n];
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
                m[a, b] = value(a, b);
        return m;
    }
}
