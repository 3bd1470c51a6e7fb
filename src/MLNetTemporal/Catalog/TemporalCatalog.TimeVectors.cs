using Microsoft.ML;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.TimeVectors;
using MLNetTemporal.Pipeline;
using MLNetTemporal.TextFeatures;

namespace MLNetTemporal.Catalog;

public sealed partial class TemporalCatalog
{
    /// <summary>One time vector per period (year, month or the date column's own values) of a dated text column.</summary>
    public TimeVectorEstimator FitTimeVectors(LanguageModel baseModel, string textColumnName = "Text", string dateColumnName = "Date",
        TimeGranularity granularity = TimeGranularity.Year) =>
        FitTimeVectors(new TimeVectorEstimatorOptions
        {
            Model = baseModel, TextColumnName = textColumnName, DateColumnName = dateColumnName, Granularity = granularity,
        });

    public TimeVectorEstimator FitTimeVectors(TimeVectorEstimatorOptions options) => new(options);

    /// <summary>
    /// Scores a text column under <c>theta_pre + alpha * tau_first + (1 - alpha) * tau_second</c> (one period:
    /// <c>theta_pre + alpha * tau</c>); adds the same columns as <see cref="ScoreText(TextScoringOptions)"/>.
    /// </summary>
    public TimeAdaptedEstimator ScoreTextInTime(LanguageModel baseModel, TimeVectorSet timeVectors, IReadOnlyList<string> periods, double alpha,
        string inputColumnName = "Text") =>
        ScoreTextInTime(new TextScoringOptions { Model = baseModel, InputColumnName = inputColumnName },
            new TimeAdaptationOptions { TimeVectors = timeVectors, Periods = periods, Alpha = alpha });

    public TimeAdaptedEstimator ScoreTextInTime(TextScoringOptions text, TimeAdaptationOptions time) => new(Context, text, time);

    /// <summary>Embeds a text column under a time-adapted model; adds the same column as <see cref="EmbedText(TextEmbeddingOptions)"/>.</summary>
    public TimeAdaptedEstimator EmbedTextInTime(TextEmbeddingOptions text, TimeAdaptationOptions time) => new(Context, text, time);

    /// <summary>
    /// Evaluates time-adaptation coefficients on a validation data view (by default: the Alpha grid 0.0..1.0 by
    /// corpus perplexity) and returns every setting's metric and the best setting.
    /// </summary>
    public SweepResult SweepTimeAdaptation(TextScoringOptions text, TimeAdaptationOptions time, IDataView validation,
        TimeAdaptationSweepOptions? options = null, IProgress<SweepPoint>? progress = null, CancellationToken cancellationToken = default) =>
        TimeAdaptationSweep.Run(Context, text, time, validation, options ?? new TimeAdaptationSweepOptions(), progress, cancellationToken);

    /// <summary>
    /// A multiclass trainer: fine-tunes the LM with a last-token classification head on a text column and a key
    /// label column; adds Score and PredictedLabel for <c>MulticlassClassification.Evaluate</c>.
    /// </summary>
    public SequenceClassificationTrainer ClassifySequences(LanguageModel baseModel, string inputColumnName = "Text", string labelColumnName = "Label") =>
        ClassifySequences(new SequenceClassificationOptions { Model = baseModel, InputColumnName = inputColumnName, LabelColumnName = labelColumnName });

    public SequenceClassificationTrainer ClassifySequences(SequenceClassificationOptions options,
        IProgress<Training.TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new(Context, options, progress, cancellationToken);

    /// <summary>Task analogy: moves a classifier from one period to another with LM time vectors; Fit picks the grid point best on the dev data.</summary>
    public TaskAnalogyEstimator AdaptClassifierInTime(TaskAnalogyOptions options) => new(options);
}
