using MLNetTemporal.LanguageModels;

namespace MLNetTemporal.TaskSpaces;

/// <summary>Options of <c>mlContext.Temporal().TaskSpace</c>: where the model is, which columns hold the pairs, and the study's settings.</summary>
public sealed class TaskSpaceEstimatorOptions
{
    /// <summary>A Hugging Face model folder, loaded at Fit. Set this or <see cref="Model"/>.</summary>
    public string? ModelPath { get; set; }
    /// <summary>A model already in memory (never changed: the study fine-tunes clones).</summary>
    public LanguageModel? Model { get; set; }
    /// <summary>"auto", "cpu", "cuda" or "cuda:N" for <see cref="ModelPath"/>.</summary>
    public string Device { get; set; } = "auto";
    public string GoodColumnName { get; set; } = MinimalPairFile.GoodColumn;
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

    internal void Validate()
    {
        if ((ModelPath is null) == (Model is null)) throw new ArgumentException("set exactly one of ModelPath and Model");
        string[] inputs = [GoodColumnName, BadColumnName, TaskColumnName];
        if (inputs.Any(string.IsNullOrWhiteSpace) || inputs.Distinct().Count() != 3)
            throw new ArgumentException($"GoodColumnName, BadColumnName and TaskColumnName must be non-empty and differ: {string.Join(", ", inputs)}");
        if (string.IsNullOrWhiteSpace(ClusterColumnName)) throw new ArgumentException("ClusterColumnName is empty");
        if (ClusterCount is < 1) throw new ArgumentOutOfRangeException(nameof(ClusterCount), ClusterCount, "ClusterCount must be positive");
        Study.Validate();
    }
}
