namespace MLNetTemporal.TaskSpaces;

/// <summary>Scores of one task before and after fine-tuning on it (held-out pairs); perplexity on general text.</summary>
public sealed record TaskOutcome(string Task, string Group, TaskScore Baseline)
{
    /// <summary>After FTGD on this task (null when only the gradient probe ran).</summary>
    public TaskScore? Ftgd { get; init; }
    public double? FtgdPerplexity { get; init; }
    /// <summary>After plain fine-tuning on the good sentences (null when not compared).</summary>
    public TaskScore? Plain { get; init; }
    public double? PlainPerplexity { get; init; }
    public double? FtgdAccuracyGain => Ftgd?.Accuracy - Baseline.Accuracy;
    public double? FtgdMarginGain => Ftgd?.MeanMargin - Baseline.MeanMargin;
    public double? PlainAccuracyGain => Plain?.Accuracy - Baseline.Accuracy;
    public double? PlainMarginGain => Plain?.MeanMargin - Baseline.MeanMargin;
}

/// <summary>Progress of a study: which stage, which task, how far.</summary>
public sealed record TaskSpaceProgress(string Stage, string Task, int Done, int Total);

/// <summary>Everything a task-space study measured.</summary>
public sealed record TaskSpaceResult
{
    public required IReadOnlyList<string> Tasks { get; init; }
    /// <summary>Each task's group under <see cref="TaskSpaceOptions.Grouping"/>.</summary>
    public required IReadOnlyList<string> Groups { get; init; }
    public required IReadOnlyList<TaskOutcome> Outcomes { get; init; }
    /// <summary>Perplexity of the starting model on the general text (null when none was given).</summary>
    public double? BaselinePerplexity { get; init; }
    /// <summary>transfer, gradient_cosine, mask_overlap: those the method produced.</summary>
    public required IReadOnlyList<TaskSpaceMatrix> Matrices { get; init; }
    /// <summary>The dendrogram of each matrix, by matrix name.</summary>
    public required IReadOnlyDictionary<string, Dendrogram> Dendrograms { get; init; }
    public required IReadOnlyList<GroupingResult> Grouping { get; init; }
    public required TimeSpan Elapsed { get; init; }

    public TaskSpaceMatrix Matrix(string name) =>
        Matrices.FirstOrDefault(m => m.Name == name) ?? throw new KeyNotFoundException($"no '{name}' matrix; the study produced {string.Join(", ", Matrices.Select(m => m.Name))}");
}
