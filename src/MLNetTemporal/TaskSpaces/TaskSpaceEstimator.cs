using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Runtime;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.TaskSpaces;

/// <summary>
/// Builds the task space of a model from an <see cref="IDataView"/> of minimal pairs with a task column: Fit runs
/// <see cref="TaskSpaceStudy"/> and returns a transformer holding the result, which maps a task column to its cluster.
/// </summary>
public sealed class TaskSpaceEstimator : IEstimator<TaskSpaceTransformer>
{
    private readonly MLContext _context;
    private readonly TaskSpaceEstimatorOptions _options;

    internal TaskSpaceEstimator(MLContext context, TaskSpaceEstimatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _context = context;
        _options = options;
    }

    public TaskSpaceTransformer Fit(IDataView input)
    {
        foreach (var name in new[] { _options.GoodColumnName, _options.BadColumnName, _options.TaskColumnName })
            TextInputColumn.Validate(input.Schema, name);
        var pairs = new MinimalPairSet(ReadPairs(input));
        bool owned = _options.Model is null;
        var model = _options.Model ?? LanguageModel.Load(_options.ModelPath!, ComputeDevice.Resolve(_options.Device, _context));
        try
        {
            var result = TaskSpaceStudy.Run(model, pairs, _options.Study, _options.GeneralTexts);
            var matrix = _options.ClusterMatrix is null ? result.Matrices[0] : result.Matrix(_options.ClusterMatrix);
            int count = Math.Min(_options.ClusterCount ?? result.Groups.Distinct().Count(), result.Tasks.Count);
            var labels = result.Dendrograms[matrix.Name].Cut(count);
            var clusters = result.Tasks.Select((t, i) => (t, labels[i] + 1)).ToDictionary(x => x.t, x => x.Item2);
            return new TaskSpaceTransformer(_context, _options.TaskColumnName, _options.ClusterColumnName, clusters, result);
        }
        finally
        {
            if (owned) model.Dispose();
        }
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        foreach (var name in new[] { _options.GoodColumnName, _options.BadColumnName, _options.TaskColumnName })
            TextInputColumn.Validate(inputSchema, name);
        return SchemaShapes.WithColumns(inputSchema, [new TextOutputColumn(_options.ClusterColumnName, NumberDataViewType.Int32)]);
    }

    private IEnumerable<MinimalPair> ReadPairs(IDataView input)
    {
        var schema = input.Schema;
        DataViewSchema.Column? Optional(string name) => schema.GetColumnOrNull(name) is { Type: TextDataViewType } c ? c : null;
        var columns = new[] { schema[_options.GoodColumnName], schema[_options.BadColumnName], schema[_options.TaskColumnName] };
        var (term, field) = (Optional(_options.TermColumnName), Optional(_options.FieldColumnName));
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
                throw new InvalidDataException($"row {row}: '{_options.GoodColumnName}', '{_options.BadColumnName}' and '{_options.TaskColumnName}' must all be non-empty");
            if (good.Trim() == bad.Trim())
                throw new InvalidDataException($"row {row}: '{_options.GoodColumnName}' and '{_options.BadColumnName}' are the same sentence (\"{good}\")");
            var family = termGetter is null ? task : Read(termGetter);
            yield return new MinimalPair(good, bad, task, family.Length == 0 ? task : family, fieldGetter is null ? null : Read(fieldGetter) is { Length: > 0 } fv ? fv : null);
        }
    }
}

/// <summary>
/// The fitted task space: <see cref="Result"/> (matrices, dendrograms, gains) and <see cref="Clusters"/>; Transform adds
/// the cluster of each row's task. Immutable. After a saved pipeline is loaded only the clusters remain (Result is null).
/// </summary>
public sealed class TaskSpaceTransformer : ITransformer, ITemporalTransformer
{
    internal const string KindName = "TaskSpace";
    private readonly ITransformer _mapping;

    internal TaskSpaceTransformer(MLContext context, string taskColumnName, string clusterColumnName, IReadOnlyDictionary<string, int> clusters, TaskSpaceResult? result)
    {
        TaskColumnName = taskColumnName;
        ClusterColumnName = clusterColumnName;
        Clusters = clusters;
        Result = result;
        // ML.NET's own value mapping does the lookup (unknown tasks get 0), so the transform is row to row.
        var lookup = context.Data.LoadFromEnumerable(clusters.Select(kv => new Entry { Task = kv.Key, Cluster = kv.Value }).ToList());
        _mapping = context.Transforms.Conversion.MapValue(clusterColumnName, lookup, lookup.Schema[nameof(Entry.Task)], lookup.Schema[nameof(Entry.Cluster)], taskColumnName)
            .Fit(context.Data.LoadFromEnumerable(Array.Empty<TaskRow>(), SchemaDefinitionFor(taskColumnName)));
    }

    public string TaskColumnName { get; }
    public string ClusterColumnName { get; }
    /// <summary>Cluster (1-based, dendrogram order) of every task.</summary>
    public IReadOnlyDictionary<string, int> Clusters { get; }
    public TaskSpaceResult? Result { get; }

    public bool IsRowToRowMapper => true;
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        TextInputColumn.Validate(inputSchema, TaskColumnName);
        return _mapping.GetOutputSchema(inputSchema);
    }
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => _mapping.GetRowToRowMapper(inputSchema);
    public IDataView Transform(IDataView input)
    {
        TextInputColumn.Validate(input.Schema, TaskColumnName);
        return _mapping.Transform(input);
    }

    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException($"{nameof(TaskSpaceTransformer)} is saved with mlContext.Temporal().SaveModel, not ML.NET's model saver");

    string ITemporalTransformer.Kind => KindName;
    void ITemporalTransformer.SaveTo(TemporalSaveContext context, string entry) =>
        context.WriteJson($"{entry}/settings.json", new Saved(TaskColumnName, ClusterColumnName, Clusters.ToDictionary()));

    internal static TaskSpaceTransformer LoadFrom(TemporalLoadContext context, string entry)
    {
        var saved = context.ReadJson<Saved>($"{entry}/settings.json");
        return new TaskSpaceTransformer(context.MLContext, saved.TaskColumnName, saved.ClusterColumnName, saved.Clusters, null);
    }

    private static Microsoft.ML.Data.SchemaDefinition SchemaDefinitionFor(string taskColumn)
    {
        var definition = Microsoft.ML.Data.SchemaDefinition.Create(typeof(TaskRow));
        definition[0].ColumnName = taskColumn;
        return definition;
    }

    private sealed class Entry
    {
        public string Task { get; set; } = "";
        public int Cluster { get; set; }
    }

    private sealed class TaskRow
    {
        public string Task { get; set; } = "";
    }

    internal sealed record Saved(string TaskColumnName, string ClusterColumnName, Dictionary<string, int> Clusters);
}
