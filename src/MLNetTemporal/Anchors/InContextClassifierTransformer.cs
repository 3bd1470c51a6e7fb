using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.Anchors;

/// <summary>
/// Classifies a text column in context: adds Score (the probability of each class over the label words) and
/// PredictedLabel (a key over the fitted label column's classes), with the annotations
/// <c>mlContext.MulticlassClassification.Evaluate</c> reads. The demonstrations are fixed at Fit; with anchor
/// weights the target's attention to the label words is re-weighted. Immutable.
/// </summary>
public sealed class InContextClassifierTransformer : TextModelTransformer
{
    internal const string KindName = "InContextClassifier";
    private readonly InContextClassifier _classifier;
    private readonly AnchorWeights? _weights;

    internal InContextClassifierTransformer(LanguageModel model, bool ownsModel, TextModelSettings settings, InContextFormat format,
        IReadOnlyList<Demonstration> demonstrations, float[][][]? weights, string scoreColumnName, string predictedLabelColumnName)
        : base(model, ownsModel, settings)
    {
        Format = format;
        _classifier = new InContextClassifier(model, new InContextPrompt(model, format, demonstrations));
        AnchorWeights = weights;
        _weights = weights is null ? null : MLNetTemporal.Anchors.AnchorWeights.FromArrays(weights, model.Device);
        ScoreColumnName = scoreColumnName;
        PredictedLabelColumnName = predictedLabelColumnName;
        OutputColumns = MulticlassOutputColumns.Create(format.Classes, scoreColumnName, predictedLabelColumnName);
    }

    public InContextFormat Format { get; }
    public IReadOnlyList<Demonstration> Demonstrations => _classifier.Prompt.Demonstrations;

    /// <summary>Learned w per layer, head and demonstration (beta = exp(w)); null for plain in-context classification.</summary>
    public float[][][]? AnchorWeights { get; }

    public string ScoreColumnName { get; }
    public string PredictedLabelColumnName { get; }

    public override string Kind => KindName;
    protected override IReadOnlyList<TextOutputColumn> OutputColumns { get; }

    protected override Array[] Map(IReadOnlyList<string> texts)
    {
        var probabilities = _classifier.PredictProbabilities(texts, BatchSize, _weights);
        return MulticlassOutputColumns.Values(probabilities);
    }

    protected override object SavedSettings(string modelEntry) => new Saved(modelEntry, Settings, Format.Template.Text, Format.Separator,
        [.. Format.Classes], [.. Format.LabelWords], [.. Demonstrations], AnchorWeights, ScoreColumnName, PredictedLabelColumnName);

    internal static InContextClassifierTransformer LoadFrom(TemporalLoadContext context, string entry)
    {
        var saved = ReadSettings<Saved>(context, entry);
        var (model, owns) = context.Model(saved.Model, saved.Text.Device);
        try
        {
            return new InContextClassifierTransformer(model, owns, saved.Text, new InContextFormat(saved.Template, saved.Classes, saved.LabelWords, saved.Separator),
                saved.Demonstrations, saved.AnchorWeights, saved.ScoreColumnName, saved.PredictedLabelColumnName);
        }
        catch (ArgumentException e)
        {
            throw context.Invalid($"{entry}/settings.json", $"does not describe a valid in-context classifier: {e.Message}", e);
        }
    }

    internal sealed record Saved(string Model, TextModelSettings Text, string Template, string Separator, string[] Classes, string[] LabelWords,
        Demonstration[] Demonstrations, float[][][]? AnchorWeights, string ScoreColumnName, string PredictedLabelColumnName);
}
