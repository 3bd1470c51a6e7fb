using Microsoft.ML;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.TaskSpaces;

/// <summary>Scores minimal pairs; nothing is learned: Fit loads the model and checks both sentence columns.</summary>
public sealed class MinimalPairScoringEstimator : TextModelEstimator<MinimalPairScoringTransformer, MinimalPairScoringOptions>
{
    internal MinimalPairScoringEstimator(MLContext context, MinimalPairScoringOptions options) : base(context, options) { }

    private MinimalPairScoringTransformer.Columns Names => new(Options.BadColumnName, Options.DifferenceColumnName, Options.CorrectColumnName, Options.Normalization);

    protected override IReadOnlyList<string> InputColumnNames => [Options.InputColumnName, Options.BadColumnName];

    protected override IReadOnlyList<TextOutputColumn> OutputColumns => MinimalPairScoringTransformer.Outputs(Names);

    protected override MinimalPairScoringTransformer CreateTransformer(IDataView input, LanguageModel model, bool ownsModel) =>
        new(model, ownsModel, TextModelSettings.From(Options), Names);
}
