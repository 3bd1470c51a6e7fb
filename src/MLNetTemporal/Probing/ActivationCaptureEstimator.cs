using Microsoft.ML;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.Probing;

/// <summary>Captures residual-stream activations of entities in a text column. Nothing is learned: Fit loads the model and checks the schema.</summary>
public sealed class ActivationCaptureEstimator : IEstimator<ActivationCaptureTransformer>
{
    private readonly MLContext _context;
    private readonly ActivationCaptureOptions _options;
    private readonly IReadOnlyList<TextOutputColumn> _columns;

    internal ActivationCaptureEstimator(MLContext context, ActivationCaptureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var config = TextModelSource.Config(options);
        var (_, names) = options.Columns(config.NumLayers);
        _context = context;
        _options = options;
        _columns = names.Select(n => ActivationCaptureTransformer.Column(n, config.HiddenSize)).ToArray();
    }

    public ActivationCaptureTransformer Fit(IDataView input)
    {
        TextInputColumn.Validate(input.Schema, _options.InputColumnName);
        var (model, owned) = TextModelSource.Acquire(_options, _context);
        var (layers, names) = _options.Columns(model.Config.NumLayers);
        return new ActivationCaptureTransformer(model, owned, TextModelSettings.From(_options),
            new CaptureSettings(layers, names, _options.Pooling, _options.Prompt));
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        TextInputColumn.Validate(inputSchema, _options.InputColumnName);
        return SchemaShapes.WithColumns(inputSchema, _columns);
    }
}
