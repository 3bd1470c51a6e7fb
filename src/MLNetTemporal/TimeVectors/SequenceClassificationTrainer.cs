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
public sealed class SequenceClassificationTrainer : TextModelEstimator<SequenceClassificationTransformer, SequenceClassificationOptions>
{
    private readonly IProgress<TrainingProgress>? _progress;
    private readonly CancellationToken _cancellationToken;

    internal SequenceClassificationTrainer(MLContext context, SequenceClassificationOptions options, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
        : base(context, options)
    {
        _progress = progress;
        _cancellationToken = cancellationToken;
    }

    // The class count is known only from data, so the promised shape carries placeholder sizes.
    protected override IReadOnlyList<TextOutputColumn> OutputColumns =>
        MulticlassOutputColumns.Create(["0", "1"], Options.ScoreColumnName, Options.PredictedLabelColumnName);

    // The classifier fine-tunes a copy, so a model loaded from a folder is not needed after Fit.
    protected override bool TransformerKeepsModel => false;

    protected override void ValidateInput(SchemaShape inputSchema)
    {
        var label = inputSchema.FirstOrDefault(c => c.Name == Options.LabelColumnName);
        if (label.Name is null)
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Label column '{Options.LabelColumnName}' not found; expected type Key<UInt32>");
        if (!label.IsKey || label.Kind != SchemaShape.Column.VectorKind.Scalar)
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Label column '{Options.LabelColumnName}' has type {label.ItemType}; expected type Key<UInt32> (use MapValueToKey)");
    }

    protected override SequenceClassificationTransformer CreateTransformer(IDataView input, LanguageModel model, bool ownsModel)
    {
        var (texts, labels, classes) = LabeledTexts.Read(input, Options.InputColumnName, Options.LabelColumnName);
        var classifier = SequenceClassifier.Train(model, texts, labels, classes, Options.Training, _progress, _cancellationToken);
        return new SequenceClassificationTransformer(classifier, TextModelSettings.From(Options), Options.ScoreColumnName, Options.PredictedLabelColumnName);
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
