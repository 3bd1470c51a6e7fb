using Microsoft.ML;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.TextFeatures;

/// <summary>Scores a text column under a language model. Nothing is learned: Fit loads the model and checks the schema.</summary>
public sealed class TextScoringEstimator : IEstimator<TextScoringTransformer>
{
    private readonly MLContext _context;
    private readonly TextScoringOptions _options;

    internal TextScoringEstimator(MLContext context, TextScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _context = context;
        _options = options;
    }

    public TextScoringTransformer Fit(IDataView input)
    {
        TextInputColumn.Validate(input.Schema, _options.InputColumnName);
        var (model, owned) = TextModelSource.Acquire(_options, _context);
        return new TextScoringTransformer(model, owned, TextModelSettings.From(_options),
            _options.LogLikelihoodColumnName, _options.PerplexityColumnName, _options.TokenCountColumnName);
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        TextInputColumn.Validate(inputSchema, _options.InputColumnName);
        return SchemaShapes.WithColumns(inputSchema, TextScoringTransformer.Columns(
            _options.LogLikelihoodColumnName, _options.PerplexityColumnName, _options.TokenCountColumnName));
    }
}
