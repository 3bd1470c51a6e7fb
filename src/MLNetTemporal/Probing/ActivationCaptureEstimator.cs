using Microsoft.ML;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.Probing;

/// <summary>Captures residual-stream activations of entities in a text column. Nothing is learned: Fit loads the model and checks the schema.</summary>
public sealed class ActivationCaptureEstimator : TextModelEstimator<ActivationCaptureTransformer, ActivationCaptureOptions>
{
    internal ActivationCaptureEstimator(MLContext context, ActivationCaptureOptions options) : base(context, options)
    {
        // The config alone checks the layer selection and gives the vector size, before any weights load.
        var (_, names) = options.Columns(ModelConfig.NumLayers);
        OutputColumns = names.Select(n => ActivationCaptureTransformer.Column(n, ModelConfig.HiddenSize)).ToArray();
    }

    protected override IReadOnlyList<TextOutputColumn> OutputColumns { get; }

    protected override ActivationCaptureTransformer CreateTransformer(IDataView input, LanguageModel model, bool ownsModel)
    {
        var (layers, names) = Options.Columns(model.Config.NumLayers);
        return new ActivationCaptureTransformer(model, ownsModel, TextModelSettings.From(Options),
            new CaptureSettings(layers, names, Options.Pooling, Options.Prompt));
    }
}
