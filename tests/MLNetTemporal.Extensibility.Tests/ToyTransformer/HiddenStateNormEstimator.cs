using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.Extensibility.Tests.ToyTransformer;

/// <summary>
/// The estimator of <see cref="HiddenStateNormTransformer"/> on the library's base: options checked here, the text
/// column checked and the model acquired by the base at Fit; nothing is learned.
/// </summary>
public sealed class HiddenStateNormEstimator(MLContext context, HiddenStateNormOptions options)
    : TextModelEstimator<HiddenStateNormTransformer, HiddenStateNormOptions>(context, options)
{
    protected override IReadOnlyList<TextOutputColumn> OutputColumns => [new(Options.OutputColumnName, NumberDataViewType.Single)];

    protected override HiddenStateNormTransformer CreateTransformer(IDataView input, LanguageModel model, bool ownsModel) =>
        new(model, ownsModel, TextModelSettings.From(Options), Options.OutputColumnName);
}
