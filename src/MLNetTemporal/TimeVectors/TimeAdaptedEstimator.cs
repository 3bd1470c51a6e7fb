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
public sealed class TimeAdaptedEstimator : IEstimator<TimeAdaptedTransformer>
{
    private readonly MLContext _context;
    private readonly TextModelOptions _text;
    private readonly TimeAdaptationOptions _time;

    internal TimeAdaptedEstimator(MLContext context, TextModelOptions text, TimeAdaptationOptions time)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(time);
        if (text is not (TextScoringOptions or TextEmbeddingOptions))
            throw new ArgumentException($"the text options must be TextScoringOptions or TextEmbeddingOptions, not {text.GetType().Name}", nameof(text));
        text.Validate();
        time.Resolve();
        _context = context;
        _text = text;
        _time = time;
    }

    public TimeAdaptedTransformer Fit(IDataView input)
    {
        TextInputColumn.Validate(input.Schema, _text.InputColumnName);
        var (periods, coefficients) = _time.Resolve();
        var (baseModel, ownsBase) = TextModelSource.Acquire(_text, _context);
        try
        {
            using var delta = WeightVector.Combine([.. periods.Select(p => _time.TimeVectors![p])], coefficients);
            return new TimeAdaptedTransformer(baseModel, ownsBase, delta, periods, coefficients, TimeAdaptedTransformer.OutputOf(_text));
        }
        catch
        {
            if (ownsBase) baseModel.Dispose();
            throw;
        }
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _text switch
    {
        TextScoringOptions s => new TextScoringEstimator(_context, s).GetOutputSchema(inputSchema),
        TextEmbeddingOptions e => new TextEmbeddingEstimator(_context, e).GetOutputSchema(inputSchema),
        _ => throw new InvalidOperationException("unreachable: checked in the constructor"),
    };
}
