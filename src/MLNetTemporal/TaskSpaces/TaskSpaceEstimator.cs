using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.TaskSpaces;

/// <summary>
/// Builds the task space of a model from an <see cref="IDataView"/> of minimal pairs with a task column: Fit runs
/// <see cref="TaskSpaceStudy"/> and returns a transformer holding the result, which maps a task column to its cluster.
/// </summary>
public sealed class TaskSpaceEstimator : TextModelEstimator<TaskSpaceTransformer, TaskSpaceEstimatorOptions>
{
    internal TaskSpaceEstimator(MLContext context, TaskSpaceEstimatorOptions options) : base(context, options) { }

    protected override IReadOnlyList<string> InputColumnNames => [Options.GoodColumnName, Options.BadColumnName, Options.TaskColumnName];

    protected override IReadOnlyList<TextOutputColumn> OutputColumns => [new(Options.ClusterColumnName, NumberDataViewType.Int32)];

    // The transformer keeps the clusters and the study's result; the study fine-tunes clones of the model.
    protected override bool TransformerKeepsModel => false;

    protected override TaskSpaceTransformer CreateTransformer(IDataView input, LanguageModel model, bool ownsModel)
    {
        var pairs = new MinimalPairSet(ReadPairs(input));
        var result = TaskSpaceStudy.Run(model, pairs, Options.Study, Options.GeneralTexts);
        var matrix = Options.ClusterMatrix is null ? result.Matrices[0] : result.Matrix(Options.ClusterMatrix);
        int count = Math.Min(Options.ClusterCount ?? result.Groups.Distinct().Count(), result.Tasks.Count);
        var labels = result.Dendrograms[matrix.Name].Cut(count);
        var clusters = result.Tasks.Select((t, i) => (t, labels[i] + 1)).ToDictionary(x => x.t, x => x.Item2);
        return new TaskSpaceTransformer(Context, Options.TaskColumnName, Options.ClusterColumnName, clusters, result);
    }

    private IEnumerable<MinimalPair> ReadPairs(IDataView input)
    {
        var schema = input.Schema;
        DataViewSchema.Column? Optional(string name) => schema.GetColumnOrNull(name) is { Type: TextDataViewType } c ? c : null;
        var columns = new[] { schema[Options.GoodColumnName], schema[Options.BadColumnName], schema[Options.TaskColumnName] };
        var (term, field) = (Optional(Options.TermColumnName), Optional(Options.FieldColumnName));
        var active = columns.Concat(new[] { term, field }.OfType<DataViewSchema.Column>()).ToArray();
        using var cursor = input.GetRowCursor(active);
        var getters = columns.Select(cursor.GetGetter<ReadOnlyMemory<char>>).ToArray();
        var termGetter = term is { } t ? cursor.GetGetter<ReadOnlyMemory<char>>(t) : null;
        var fieldGetter = field is { } f ? cursor.GetGetter<ReadOnlyMemory<char>>(f) : null;
        var value = default(ReadOnlyMemory<char>);
        string Read(ValueGetter<ReadOnlyMemory<char>> getter) { getter(ref value); return value.ToString(); }
        long row = 0;
        while (cursor.MoveNext())
        {
            row++;
            var (good, bad, task) = (Read(getters[0]), Read(getters[1]), Read(getters[2]));
            if (string.IsNullOrWhiteSpace(good) || string.IsNullOrWhiteSpace(bad) || string.IsNullOrWhiteSpace(task))
                throw new InvalidDataException($"row {row}: '{Options.GoodColumnName}', '{Options.BadColumnName}' and '{Options.TaskColumnName}' must all be non-empty");
            if (good.Trim() == bad.Trim())
                throw new InvalidDataException($"row {row}: '{Options.GoodColumnName}' and '{Options.BadColumnName}' are the same sentence (\"{good}\")");
            var family = termGetter is null ? task : Read(termGetter);
            yield return new MinimalPair(good, bad, task, family.Length == 0 ? task : family, fieldGetter is null ? null : Read(fieldGetter) is { Length: > 0 } fv ? fv : null);
        }
    }
}
