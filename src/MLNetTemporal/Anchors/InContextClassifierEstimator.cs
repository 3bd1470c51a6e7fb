using Microsoft.ML;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.Anchors;

/// <summary>
/// In-context classification (and, with <see cref="AnchorReweightingOptions"/>, anchor re-weighting) as an ML.NET
/// estimator. Fit reads the labeled rows, picks the demonstrations (seeded), learns beta when re-weighting, and
/// returns an immutable <see cref="InContextClassifierTransformer"/>.
/// </summary>
public sealed class InContextClassifierEstimator : IEstimator<InContextClassifierTransformer>
{
    private readonly MLContext _context;
    private readonly InContextClassifierOptions _options;

    internal InContextClassifierEstimator(MLContext context, InContextClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _context = context;
        _options = options;
    }

    /// <summary>Reports each re-weighting step (none for plain in-context classification).</summary>
    public IProgress<Training.TrainingProgress>? Progress { get; init; }

    public InContextClassifierTransformer Fit(IDataView input)
    {
        TextInputColumn.Validate(input.Schema, _options.InputColumnName);
        var classes = LabelColumn.Classes(input.Schema, _options.LabelColumnName);
        var format = new InContextFormat(_options.Template, classes,
            classes.Select(c => _options.LabelWords.TryGetValue(c, out var word) ? word : " " + c).ToArray(), _options.Separator);
        var unknown = _options.LabelWords.Keys.Except(classes).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"LabelWords names classes that column '{_options.LabelColumnName}' does not have: {string.Join(", ", unknown)} (classes: {string.Join(", ", classes)})");
        var rows = LabelColumn.Rows(input, _options.InputColumnName, _options.LabelColumnName);
        var (demonstrations, remaining) = DemonstrationSampler.Pick(rows, classes, _options.DemonstrationsPerClass, _options.Seed);
        var (model, owned) = TextModelSource.Acquire(_options, _context);
        try
        {
            float[][][]? weights = null;
            if (_options is AnchorReweightingOptions reweighting)
            {
                var (training, _) = DemonstrationSampler.Pick(remaining, classes, reweighting.TrainingExamplesPerClass, _options.Seed + 1, nameof(AnchorReweightingOptions.TrainingExamplesPerClass));
                var classifier = new InContextClassifier(model, new InContextPrompt(model, format, demonstrations));
                var (learned, _) = AnchorReweighting.Train(classifier, training, reweighting.Settings, Progress);
                using (learned) weights = learned.ToArrays();
            }
            return new InContextClassifierTransformer(model, owned, TextModelSettings.From(_options), format, demonstrations, weights,
                _options.ScoreColumnName, _options.PredictedLabelColumnName);
        }
        catch
        {
            if (owned) model.Dispose();
            throw;
        }
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        TextInputColumn.Validate(inputSchema, _options.InputColumnName);
        LabelColumn.Validate(inputSchema, _options.LabelColumnName);
        // The class count is known only from the data; the shape promises the column kinds.
        return SchemaShapes.WithColumns(inputSchema, MulticlassOutputColumns.Create(["?", "?"], _options.ScoreColumnName, _options.PredictedLabelColumnName));
    }
}
