using Microsoft.ML;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.TextFeatures;

/// <summary>Embeds a text column with a language model. Nothing is learned: Fit loads the model and checks the schema.</summary>
public sealed class TextEmbeddingEstimator : IEstimator<TextEmbeddingTransformer>
{
    private readonly MLContext _context;
    private readonly TextEmbeddingOptions _options;
    private readonly int _hiddenSize;

    internal TextEmbeddingEstimator(MLContext context, TextEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        // The config alone gives the vector size GetOutputSchema promises and the layer range, before any weights load.
        var config = TextModelSource.Config(options);
        if (options.Layer >= config.NumLayers)
            throw new ArgumentOutOfRangeException(nameof(options), options.Layer, $"Layer must be -1 (final) or 0..{config.NumLayers - 1}");
        _context = context;
        _options = options;
        _hiddenSize = config.HiddenSize;
    }

    public TextEmbeddingTransformer Fit(IDataView input)
    {
        TextInputColumn.Validate(input.Schema, _options.InputColumnName);
        var (model, owned) = TextModelSource.Acquire(_options, _context);
        return new TextEmbeddingTransformer(model, owned, TextModelSettings.From(_options),
            _options.OutputColumnName, _options.Layer, _options.Pooling);
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        TextInputColumn.Validate(inputSchema, _options.InputColumnName);
        return SchemaShapes.WithColumns(inputSchema, [TextEmbeddingTransformer.Column(_options.OutputColumnName, _hiddenSize)]);
    }
}
