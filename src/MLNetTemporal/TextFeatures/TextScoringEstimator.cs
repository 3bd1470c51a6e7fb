using Microsoft.ML;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.TextFeatures;

/// <summary>Scores a text column under a language model. Nothing is learned: Fit loads the model and checks the schema.</summary>
public sealed class TextScoringEstimator : TextModelEstimator<TextScoringTransformer, TextScoringOptions>
{
    internal TextScoringEstimator(MLContext context, TextScoringOptions options) : base(context, options) { }

    protected override IReadOnlyList<TextOutputColumn> OutputColumns => Options.OutputColumns;

    protected override TextScoringTransformer CreateTransformer(IDataView input, LanguageModel model, bool ownsModel) =>
        new(model, ownsModel, TextModelSettings.From(Options), Options.LogLikelihoodColumnName, Options.PerplexityColumnName, Options.TokenCountColumnName);
}
