using Microsoft.ML;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Pipeline;
using MLNetTemporal.Training;

namespace MLNetTemporal.Anchors;

/// <summary>
/// In-context classification (and, with <see cref="AnchorReweightingOptions"/>, anchor re-weighting) as an ML.NET
/// estimator. Fit reads the labeled rows, picks the demonstrations (seeded), learns beta when re-weighting, and
/// returns an immutable <see cref="InContextClassifierTransformer"/>.
/// </summary>
public sealed class InContextClassifierEstimator : TextModelEstimator<InContextClassifierTransformer, InContextClassifierOptions>
{
    internal InContextClassifierEstimator(MLContext context, InContextClassifierOptions options) : base(context, options) { }

    /// <summary>Reports each re-weighting step (none for plain in-context classification).</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    // The class count is known only from the data; the shape promises the column kinds.
    protected override IReadOnlyList<TextOutputColumn> OutputColumns =>
        MulticlassOutputColumns.Create(["?", "?"], Options.ScoreColumnName, Options.PredictedLabelColumnName);

    protected override void ValidateInput(SchemaShape inputSchema) => LabelColumn.Validate(inputSchema, Options.LabelColumnName);

    protected override InContextClassifierTransformer CreateTransformer(IDataView input, LanguageModel model, bool ownsModel)
    {
        var classes = LabelColumn.Classes(input.Schema, Options.LabelColumnName);
        var prompt = Options.Prompt;
        var format = prompt.Format(classes, $"column '{Options.LabelColumnName}'");
        var rows = LabelColumn.Rows(input, Options.InputColumnName, Options.LabelColumnName);
        var (demonstrations, remaining) = DemonstrationSampler.Pick(rows, classes, prompt.DemonstrationsPerClass, Options.Seed);
        float[][][]? weights = null;
        if (Options is AnchorReweightingOptions reweighting)
        {
            var (training, _) = DemonstrationSampler.Pick(remaining, classes, reweighting.TrainingExamplesPerClass, Options.Seed + 1, nameof(AnchorReweightingOptions.TrainingExamplesPerClass));
            var classifier = new InContextClassifier(model, new InContextPrompt(model, format, demonstrations));
            var (learned, _) = AnchorReweighting.Train(classifier, training, reweighting.Settings, Progress);
            using (learned) weights = learned.ToArrays();
        }
        return new InContextClassifierTransformer(model, ownsModel, TextModelSettings.From(Options), format, demonstrations, weights,
            Options.ScoreColumnName, Options.PredictedLabelColumnName);
    }
}
