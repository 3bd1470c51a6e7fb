using MLNetTemporal.Pipeline;

namespace MLNetTemporal.TimeVectors;

/// <summary>Options of <c>mlContext.Temporal().ClassifySequences</c>; Model/ModelPath is the base LM.</summary>
public sealed class SequenceClassificationOptions : TextModelOptions
{
    /// <summary>Key column (UInt32 key) of the classes; rows with a missing key are skipped.</summary>
    public string LabelColumnName { get; set; } = "Label";

    public string ScoreColumnName { get; set; } = "Score";
    public string PredictedLabelColumnName { get; set; } = "PredictedLabel";

    public SequenceClassifierTrainingOptions Training { get; set; } = new();

    protected internal override void Validate()
    {
        base.Validate();
        string[] names = [LabelColumnName, ScoreColumnName, PredictedLabelColumnName];
        if (names.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("a column name is empty");
        if (ScoreColumnName == PredictedLabelColumnName) throw new ArgumentException($"ScoreColumnName and PredictedLabelColumnName are both '{ScoreColumnName}'");
        ArgumentNullException.ThrowIfNull(Training);
        if (Training.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(Training), Training.BatchSize, "Training.BatchSize must be at least 1");
    }
}
