using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.TaskSpaces;

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

    private static SchemaDefinition SchemaDefinitionFor(string taskColumn)
    {
        var definition = SchemaDefinition.Create(typeof(TaskRow));
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
