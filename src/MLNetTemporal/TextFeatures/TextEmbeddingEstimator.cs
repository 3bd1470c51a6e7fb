using Microsoft.ML;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.TextFeatures;

/// <summary>Embeds a text column with a language model. Nothing is learned: Fit loads the model and checks the schema.</summary>
public sealed class TextEmbeddingEstimator : TextModelEstimator<TextEmbeddingTransformer, TextEmbeddingOptions>
{
    internal TextEmbeddingEstimator(MLContext context, TextEmbeddingOptions options) : base(context, options) =>
        // The config alone gives the vector size and the layer range, before any weights load.
        OutputColumns = [options.OutputColumn(ModelConfig)];

    protected override IReadOnlyList<TextOutputColumn> OutputColumns { get; }

    protected override TextEmbeddingTransformer CreateTransformer(IDataView input, LanguageModel model, bool ownsModel) =>
        new(model, ownsModel, TextModelSettings.From(Options), Options.OutputColumnName, Options.Layer, Options.Pooling);
}
