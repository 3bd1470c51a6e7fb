using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.Training;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.TimeVectors;

/// <summary>
/// A multiclass trainer: fine-tunes a copy of the base LM with a last-token classification head on a text column
/// and a key label column (<see cref="SequenceClassifier.Train"/>).
/// </summary>
public sealed class SequenceClassificationTrainer : IEstimator<SequenceClassificationTransformer>
{
    private readonly MLContext _context;
    private readonly SequenceClassificationOptions _options;
    private readonly IProgress<TrainingProgress>? _progress;
    private readonly CancellationToken _cancellationToken;

    internal SequenceClassificationTrainer(MLContext context, SequenceClassificationOptions options, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _context = context;
        _options = options;
        _progress = progress;
        _cancellationToken = cancellationToken;
    }

    public SequenceClassificationTransformer Fit(IDataView input)
    {
        var (texts, labels, classes) = LabeledTexts.Read(input, _options.InputColumnName, _options.LabelColumnName);
        var (model, owned) = TextModelSource.Acquire(_options, _context);
        try
        {
            var classifier = SequenceClassifier.Train(model, texts, labels, classes, _options.Training, _progress, _cancellationToken);
            return new SequenceClassificationTransformer(classifier, TextModelSettings.From(_options), _options.ScoreColumnName, _options.PredictedLabelColumnName);
        }
        finally
        {
            if (owned) model.Dispose();
        }
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        TextInputColumn.Validate(inputSchema, _options.InputColumnName);
        var label = inputSchema.FirstOrDefault(c => c.Name == _options.LabelColumnName);
        if (label.Name is null)
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Label column '{_options.LabelColumnName}' not found; expected type Key<UInt32>");
        if (!label.IsKey || label.Kind != SchemaShape.Column.VectorKind.Scalar)
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Label column '{_options.LabelColumnName}' has type {label.ItemType}; expected type Key<UInt32> (use MapValueToKey)");
        // The class count is known only from data, so the promised shape carries placeholder sizes.
        return SchemaShapes.WithColumns(inputSchema, MulticlassOutputColumns.Create(["0", "1"], _options.ScoreColumnName, _options.PredictedLabelColumnName));
    }
}

/// <summary>Texts and 0-based labels of the rows of a key label column, and the class names (its key values).</summary>
internal static class LabeledTexts
{
    public static (List<string> Texts, List<int> Labels, string[] Classes) Read(IDataView input, string textColumn, string labelColumn)
    {
        var text = TextInputColumn.Validate(input.Schema, textColumn);
        var label = input.Schema.GetColumnOrNull(labelColumn)
            ?? throw new ArgumentOutOfRangeException(nameof(input), $"Label column '{labelColumn}' not found; expected type Key<UInt32>");
        if (label.Type is not KeyDataViewType { RawType: var raw } key || raw != typeof(uint))
            throw new ArgumentOutOfRangeException(nameof(input), $"Label column '{labelColumn}' has type {label.Type}; expected type Key<UInt32> (use MapValueToKey)");
        var classes = Enumerable.Range(1, (int)key.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (label.Annotations.Schema.GetColumnOrNull("KeyValues") is { } kv && kv.Type is VectorDataViewType { ItemType: TextDataViewType })
        {
            var names = default(VBuffer<ReadOnlyMemory<char>>);
            label.Annotations.GetValue("KeyValues", ref names);
            classes = [.. names.DenseValues().Select(n => n.ToString())];
        }
        var texts = new List<string>();
        var labels = new List<int>();
        using var cursor = input.GetRowCursor([text, label]);
        var getText = cursor.GetGetter<ReadOnlyMemory<char>>(text);
        var getLabel = cursor.GetGetter<uint>(label);
        var t = default(ReadOnlyMemory<char>);
        uint l = 0;
        while (cursor.MoveNext())
        {
            getLabel(ref l);
            if (l == 0) continue;
            getText(ref t);
            texts.Add(t.ToString());
            labels.Add((int)l - 1);
        }
        return (texts, labels, classes);
    }
}
