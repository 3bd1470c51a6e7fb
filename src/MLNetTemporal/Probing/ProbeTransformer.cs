using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.Probing;

/// <summary>
/// A fitted probe in a pipeline: adds the Score column (Single for one target, a vector for several) computed
/// row by row from the Features column. Immutable; saved with <c>mlContext.Temporal().SaveModel</c>.
/// </summary>
public sealed class ProbeTransformer : ITransformer, ITemporalTransformer
{
    internal const string KindName = "Probe";

    internal ProbeTransformer(ProbeModel probe, string featureColumnName, string scoreColumnName, bool scalarScore)
    {
        if (scalarScore && probe.OutputSize != 1) throw new ArgumentException($"a scalar score needs a probe with one output, not {probe.OutputSize}");
        Probe = probe;
        FeatureColumnName = featureColumnName;
        ScoreColumnName = scoreColumnName;
        ScoreType = scalarScore ? NumberDataViewType.Single : new VectorDataViewType(NumberDataViewType.Single, probe.OutputSize);
    }

    public ProbeModel Probe { get; }
    public string FeatureColumnName { get; }
    public string ScoreColumnName { get; }
    internal DataViewType ScoreType { get; }

    public bool IsRowToRowMapper => false;

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        CheckFeatures(inputSchema);
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);
        builder.AddColumn(ScoreColumnName, ScoreType);
        return builder.ToSchema();
    }

    public IDataView Transform(IDataView input)
    {
        CheckFeatures(input.Schema);
        return new ProbeScoreDataView(input, this, GetOutputSchema(input.Schema));
    }

    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
        throw new NotSupportedException($"{nameof(ProbeTransformer)} has no row-to-row mapper; call Transform on an IDataView.");

    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException($"{nameof(ProbeTransformer)} cannot be saved by ML.NET's model saver; use mlContext.Temporal().SaveModel.");

    string ITemporalTransformer.Kind => KindName;

    void ITemporalTransformer.SaveTo(TemporalSaveContext context, string entry)
    {
        context.WriteJson($"{entry}/settings.json", new Saved(Probe.Name, FeatureColumnName, ScoreColumnName, ScoreType is NumberDataViewType));
        Probe.SaveTo(context, entry);
    }

    internal static ProbeTransformer LoadFrom(TemporalLoadContext context, string entry)
    {
        var saved = context.ReadJson<Saved>($"{entry}/settings.json");
        return new ProbeTransformer(ProbeModel.Load(context, entry, saved.Probe), saved.FeatureColumnName, saved.ScoreColumnName, saved.ScalarScore);
    }

    private void CheckFeatures(DataViewSchema schema)
    {
        var column = schema.GetColumnOrNull(FeatureColumnName)
            ?? throw new ArgumentOutOfRangeException(nameof(schema), $"Features column '{FeatureColumnName}' not found; expected a vector of {Probe.InputSize} Single");
        if (column.Type is not VectorDataViewType { ItemType: NumberDataViewType n } v || n != NumberDataViewType.Single || v.Size != Probe.InputSize)
            throw new ArgumentOutOfRangeException(nameof(schema), $"Features column '{FeatureColumnName}' has type {column.Type}; expected a vector of {Probe.InputSize} Single");
    }

    private sealed record Saved(string Probe, string FeatureColumnName, string ScoreColumnName, bool ScalarScore);
}
