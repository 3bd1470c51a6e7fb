using MLNetTemporal.Pipeline;

namespace MLNetTemporal.TaskSpaces;

/// <summary>
/// Options of <c>mlContext.Temporal().TaskSpace</c>: where the model is, which columns hold the pairs, and the study's
/// settings. <see cref="TextModelOptions.InputColumnName"/> is the good sentence's column (also named
/// <see cref="GoodColumnName"/>). The study scores in batches of <see cref="TaskSpaceOptions.ScoringBatchSize"/> and
/// reads whole sentences, so <see cref="TextModelOptions.BatchSize"/> and <see cref="TextModelOptions.MaxTokens"/> are
/// not used. A <see cref="TextModelOptions.Model"/> given is never changed: the study fine-tunes clones.
/// </summary>
public sealed class TaskSpaceEstimatorOptions : TextModelOptions
{
    public TaskSpaceEstimatorOptions() => InputColumnName = MinimalPairFile.GoodColumn;

    /// <summary>The good sentence's column: <see cref="TextModelOptions.InputColumnName"/> under the name of the pair's parts.</summary>
    public string GoodColumnName { get => InputColumnName; set => InputColumnName = value; }
    public string BadColumnName { get; set; } = MinimalPairFile.BadColumn;
    /// <summary>The task of each pair; also the column the fitted transformer maps to a cluster.</summary>
    public string TaskColumnName { get; set; } = MinimalPairFile.TaskColumn;
    /// <summary>The phenomenon family; when the column is absent every task is its own family.</summary>
    public string TermColumnName { get; set; } = MinimalPairFile.TermColumn;
    /// <summary>Optional field column.</summary>
    public string FieldColumnName { get; set; } = MinimalPairFile.FieldColumn;
    /// <summary>Int32 column added by the transformer: the task's cluster (1-based; 0 for a task not in the space).</summary>
    public string ClusterColumnName { get; set; } = "TaskCluster";
    /// <summary>The matrix whose dendrogram gives the clusters (default: the first the method produced).</summary>
    public string? ClusterMatrix { get; set; }
    /// <summary>Clusters to cut the dendrogram into (default: as many as the data has groups).</summary>
    public int? ClusterCount { get; set; }
    public TaskSpaceOptions Study { get; set; } = new();
    /// <summary>Text for general perplexity before and after fine-tuning (null: skipped).</summary>
    public IReadOnlyList<string>? GeneralTexts { get; set; }

    protected internal override void Validate()
    {
        // The pair's columns first, so an empty good column is reported with its siblings rather than as InputColumnName.
        string[] inputs = [GoodColumnName, BadColumnName, TaskColumnName];
        if (inputs.Any(string.IsNullOrWhiteSpace) || inputs.Distinct().Count() != 3)
            throw new ArgumentException($"GoodColumnName, BadColumnName and TaskColumnName must be non-empty and differ: {string.Join(", ", inputs)}");
        if (string.IsNullOrWhiteSpace(ClusterColumnName)) throw new ArgumentException("ClusterColumnName is empty");
        if (ClusterCount is < 1) throw new ArgumentOutOfRangeException(nameof(ClusterCount), ClusterCount, "ClusterCount must be positive");
        Study.Validate();
        base.Validate();
    }
}
