using MLNetTemporal.Pipeline;

namespace MLNetTemporal.TaskSpaces;

/// <summary>Options of <c>mlContext.Temporal().ScoreMinimalPairs</c>: <see cref="TextModelOptions.InputColumnName"/> is the good sentence's column.</summary>
public sealed class MinimalPairScoringOptions : TextModelOptions
{
    public MinimalPairScoringOptions() => InputColumnName = MinimalPairFile.GoodColumn;

    /// <summary>The bad sentence's column (text).</summary>
    public string BadColumnName { get; set; } = MinimalPairFile.BadColumn;

    /// <summary>Float column: log p(good) - log p(bad) (nats).</summary>
    public string DifferenceColumnName { get; set; } = "LogProbDifference";

    /// <summary>Boolean column: p(good) &gt; p(bad).</summary>
    public string CorrectColumnName { get; set; } = "Correct";

    public ScoreNormalization Normalization { get; set; } = ScoreNormalization.Sum;

    protected internal override void Validate()
    {
        base.Validate();
        if (string.IsNullOrWhiteSpace(BadColumnName)) throw new ArgumentException("BadColumnName is empty");
        if (BadColumnName == InputColumnName) throw new ArgumentException($"the good and bad sentences must be different columns, both are '{BadColumnName}'");
        if (string.IsNullOrWhiteSpace(DifferenceColumnName) || string.IsNullOrWhiteSpace(CorrectColumnName) || DifferenceColumnName == CorrectColumnName)
            throw new ArgumentException($"DifferenceColumnName '{DifferenceColumnName}' and CorrectColumnName '{CorrectColumnName}' must be non-empty and differ");
    }
}
