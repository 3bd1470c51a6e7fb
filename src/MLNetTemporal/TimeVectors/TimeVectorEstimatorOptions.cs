using MLNetTemporal.Training;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.TimeVectors;

/// <summary>Options of <c>mlContext.Temporal().FitTimeVectors</c>.</summary>
public sealed class TimeVectorEstimatorOptions
{
    /// <summary>The base model (theta_pre); each period fine-tunes a copy of it. Never modified or disposed.</summary>
    public LanguageModels.LanguageModel? Model { get; set; }

    /// <summary>The text column (scalar text).</summary>
    public string TextColumnName { get; set; } = "Text";

    /// <summary>The date column: DateTime, DateTimeOffset, or text such as 2012, 2012-05 or 2012-05-17.</summary>
    public string DateColumnName { get; set; } = "Date";

    public TimeGranularity Granularity { get; set; } = TimeGranularity.Year;

    /// <summary>Which periods get a vector, in this order; null: every period present.</summary>
    public IReadOnlyList<string>? Periods { get; set; }

    /// <summary>Fine-tuning recipe (METHODS.md: AdamW lr 8e-4, batch 16, blocks of 128 tokens, 1 epoch, seed 42).</summary>
    public LanguageModelTrainingOptions Training { get; set; } = new();

    /// <summary>When set, each finished vector is kept here at once, and vectors already there for this base are reused.</summary>
    public string? ResumeFolder { get; set; }

    internal void Validate()
    {
        if (Model is null) throw new ArgumentException("Model (the base model) is not set");
        if (string.IsNullOrWhiteSpace(TextColumnName)) throw new ArgumentException("TextColumnName is empty");
        if (string.IsNullOrWhiteSpace(DateColumnName)) throw new ArgumentException("DateColumnName is empty");
        if (!Enum.IsDefined(Granularity)) throw new ArgumentOutOfRangeException(nameof(Granularity), Granularity, "unknown granularity");
        ArgumentNullException.ThrowIfNull(Training);
    }
}
