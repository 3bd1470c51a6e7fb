using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.LanguageModels;
using static TorchSharp.torch;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.TimeVectors;

/// <summary>
/// Classifies a text column with a <see cref="SequenceClassifier"/>: adds Score (softmax probabilities over the
/// classes) and PredictedLabel (a key over the classes) with the annotations
/// <c>mlContext.MulticlassClassification.Evaluate</c> reads. Immutable; owns its classifier's model (the small head tensor is left to the garbage collector).
/// </summary>
public sealed class SequenceClassificationTransformer : TextModelTransformer
{
    internal const string KindName = "SequenceClassification";

    internal SequenceClassificationTransformer(SequenceClassifier classifier, TextModelSettings settings, string scoreColumnName, string predictedLabelColumnName)
        : base(classifier.Model, ownsModel: true, settings)
    {
        Classifier = classifier;
        ScoreColumnName = scoreColumnName;
        PredictedLabelColumnName = predictedLabelColumnName;
        OutputColumns = MulticlassOutputColumns.Create(classifier.Classes, scoreColumnName, predictedLabelColumnName);
    }

    public SequenceClassifier Classifier { get; }
    public string ScoreColumnName { get; }
    public string PredictedLabelColumnName { get; }

    public override string Kind => KindName;
    protected override IReadOnlyList<TextOutputColumn> OutputColumns { get; }

    protected override Array[] Map(IReadOnlyList<string> texts)
    {
        var logits = Classifier.PredictLogits(texts, BatchSize, MaxTokens);
        var probabilities = logits.Select(Softmax).ToArray();
        return MulticlassOutputColumns.Values(probabilities);
    }

    private static float[] Softmax(float[] logits)
    {
        var max = logits.Max();
        var e = logits.Select(l => Math.Exp(l - max)).ToArray();
        var sum = e.Sum();
        return [.. e.Select(v => (float)(v / sum))];
    }

    protected override object SavedSettings(string modelEntry) => new Saved(modelEntry, Settings, [.. Classifier.Classes],
        [.. Enumerable.Range(0, Classifier.Classes.Count).Select(i => Classifier.ScoreWeight[i].cpu().data<float>().ToArray())],
        ScoreColumnName, PredictedLabelColumnName);

    internal static SequenceClassificationTransformer LoadFrom(TemporalLoadContext context, string entry)
    {
        var saved = ReadSettings<Saved>(context, entry);
        var (model, first) = context.Model(saved.Model, saved.Text.Device);
        try
        {
            // The classifier owns its body, so it takes a copy when another step already holds the saved model.
            using var head = tensor(saved.ScoreWeight.SelectMany(r => r).ToArray(), [saved.ScoreWeight.Length, saved.ScoreWeight.Length == 0 ? 0 : saved.ScoreWeight[0].Length]);
            return new SequenceClassificationTransformer(new SequenceClassifier(first ? model : model.Clone(), head, saved.Classes), saved.Text,
                saved.ScoreColumnName, saved.PredictedLabelColumnName);
        }
        catch (ArgumentException e)
        {
            throw context.Invalid($"{entry}/settings.json", $"does not describe a valid classifier: {e.Message}", e);
        }
    }

    internal sealed record Saved(string Model, TextModelSettings Text, string[] Classes, float[][] ScoreWeight, string ScoreColumnName, string PredictedLabelColumnName);
}
