using MLNetTemporal.Anchors;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.Catalog;

public sealed partial class TemporalCatalog
{
    /// <summary>
    /// In-context classification of a text column: Fit picks <paramref name="demonstrationsPerClass"/> demonstrations
    /// per class of the key column <paramref name="labelColumnName"/>; the transformer adds Score and PredictedLabel.
    /// </summary>
    public InContextClassifierEstimator ClassifyInContext(LanguageModel model, string template, IDictionary<string, string>? labelWords = null,
        string inputColumnName = "Text", string labelColumnName = "Label", int demonstrationsPerClass = 1, string separator = "\n") =>
        ClassifyInContext(new InContextClassifierOptions
        {
            Model = model, Template = template, LabelWords = new(labelWords ?? new Dictionary<string, string>()), InputColumnName = inputColumnName,
            LabelColumnName = labelColumnName, DemonstrationsPerClass = demonstrationsPerClass, Separator = separator,
        });

    public InContextClassifierEstimator ClassifyInContext(InContextClassifierOptions options) => new(Context, options);

    /// <summary>
    /// In-context classification with anchor re-weighting: besides the demonstrations, Fit takes
    /// <paramref name="trainingExamplesPerClass"/> examples per class and learns beta (Adam, lr 0.01, 10 epochs).
    /// </summary>
    public InContextClassifierEstimator ReweightAnchors(LanguageModel model, string template, IDictionary<string, string>? labelWords = null,
        string inputColumnName = "Text", string labelColumnName = "Label", int demonstrationsPerClass = 1, int trainingExamplesPerClass = 4, string separator = "\n") =>
        ReweightAnchors(new AnchorReweightingOptions
        {
            Model = model, Template = template, LabelWords = new(labelWords ?? new Dictionary<string, string>()), InputColumnName = inputColumnName,
            LabelColumnName = labelColumnName, DemonstrationsPerClass = demonstrationsPerClass, TrainingExamplesPerClass = trainingExamplesPerClass,
            Separator = separator,
        });

    public InContextClassifierEstimator ReweightAnchors(AnchorReweightingOptions options) => new(Context, options);
}
