using Microsoft.ML;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.WeightSpace;
using MLNetTemporal.Pipeline;
using MLNetTemporal.TextFeatures;

namespace MLNetTemporal.TimeVectors;

/// <summary>
/// Scores or embeds a text column under a time-adapted model <c>theta_pre + sum_i lambda_i tau_i</c>. The text
/// options (a <see cref="TextScoringOptions"/> or <see cref="TextEmbeddingOptions"/>, whose model is the base) say
/// what is added, exactly as the plain scoring/embedding estimators do; Fit builds the adapted model once.
/// </summary>
public sealed class TimeAdaptedEstimator : TextModelEstimator<TimeAdaptedTransformer, TextModelOptions>
{
    private readonly TimeAdaptationOptions _time;

    internal TimeAdaptedEstimator(MLContext context, TextModelOptions text, TimeAdaptationOptions time) : base(context, text)
    {
        ArgumentNullException.ThrowIfNull(time);
        OutputColumns = text switch
        {
            TextScoringOptions s => s.OutputColumns,
            // The base's config gives the vector size and the layer range, before any weights load.
            TextEmbeddingOptions e => [e.OutputColumn(ModelConfig)],
            _ => throw new ArgumentException($"the text options must be TextScoringOptions or TextEmbeddingOptions, not {text.GetType().Name}", nameof(text)),
        };
        time.Resolve();
        _time = time;
    }

    protected override IReadOnlyList<TextOutputColumn> OutputColumns { get; }

    protected override TimeAdaptedTransformer CreateTransformer(IDataView input, LanguageModel model, bool ownsModel)
    {
        var (periods, coefficients) = _time.Resolve();
        using var delta = WeightVector.Combine([.. periods.Select(p => _time.TimeVectors![p])], coefficients);
        return new TimeAdaptedTransformer(model, ownsModel, delta, periods, coefficients, TimeAdaptedTransformer.OutputOf(Options));
    }
}
