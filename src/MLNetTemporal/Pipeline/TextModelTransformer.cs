using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.LanguageModels;

namespace MLNetTemporal.Pipeline;

/// <summary>
/// A fitted transform that runs a language model over a text column in batches and adds columns computed from it.
/// Immutable; its output is a lazy data view, so nothing runs until a cursor asks for an added column.
/// </summary>
/// <remarks>
/// To add a transform from another assembly, derive from this class: pass the model and the settings to the
/// constructor, declare the added columns in <see cref="OutputColumns"/>, compute them for a batch of texts in
/// <see cref="Map"/>, name the kind in <see cref="Kind"/> and return what a loader needs in <see cref="SavedSettings"/>.
/// Register a loader under the same kind with <see cref="TemporalTransformerKinds.Register"/>; it reads the
/// settings back with <see cref="ReadSettings{TSaved}"/> and the model with <see cref="TemporalLoadContext.Model"/>.
/// Pair it with an estimator derived from <see cref="TextModelEstimator{TTransformer, TOptions}"/>.
/// </remarks>
public abstract class TextModelTransformer : ITransformer, IDisposable, ITextBatchMapper, ITemporalTransformer
{
    /// <summary>The file under the step's zip folder that <see cref="SavedSettings"/> is written to.</summary>
    private const string SettingsFile = "settings.json";

    private readonly bool _ownsModel;

    /// <summary>
    /// <paramref name="ownsModel"/>: whether the transformer disposes the model with itself; pass on what
    /// the estimator's Fit or the loader (<see cref="TemporalLoadContext.Model"/>) says.
    /// </summary>
    protected TextModelTransformer(LanguageModel model, bool ownsModel, TextModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        Model = model;
        _ownsModel = ownsModel;
        Settings = settings;
    }

    /// <summary>The model the transform runs; owned (and disposed) only when the transformer loaded it.</summary>
    public LanguageModel Model { get; }
    public string InputColumnName => Settings.InputColumnName;
    public int BatchSize => Settings.BatchSize;
    public int MaxTokens => Settings.MaxTokens;

    /// <summary>The device option as requested, applied again when a saved pipeline is loaded.</summary>
    public string Device => Settings.Device;

    /// <summary>The column, batch and device settings; save them with the rest so the loader can pass them back.</summary>
    protected TextModelSettings Settings { get; }

    /// <summary>The name saved pipelines record for this transform and its loader is registered under; never change it once released.</summary>
    public abstract string Kind { get; }

    /// <summary>The columns added, in the order <see cref="Map"/> returns them; a column of an input's name hides it.</summary>
    protected abstract IReadOnlyList<TextOutputColumn> OutputColumns { get; }

    /// <summary>
    /// The added columns of a batch of at most <see cref="BatchSize"/> texts of <see cref="InputColumnName"/> (empty for
    /// a missing value), one model pass: one array per column of <see cref="OutputColumns"/>, one element per text,
    /// of the types <see cref="TextOutputColumn"/> lists. Called lazily, once per batch a cursor reads.
    /// </summary>
    protected abstract Array[] Map(IReadOnlyList<string> texts);

    /// <summary>
    /// What a saved pipeline keeps of this step, serialized to JSON: a record holding <paramref name="modelEntry"/>
    /// (where the model was saved, stored once however many steps share it), <see cref="Settings"/> and the
    /// transform's own settings. Every member is required when it is read back.
    /// </summary>
    protected abstract object SavedSettings(string modelEntry);

    /// <summary>Reads back, in a registered loader, what <see cref="SavedSettings"/> wrote for the step at <paramref name="entry"/>.</summary>
    protected static TSaved ReadSettings<TSaved>(TemporalLoadContext context, string entry)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.ReadJson<TSaved>($"{entry}/{SettingsFile}");
    }

    /// <summary>The text columns a batch holds, in the order <see cref="MapColumns"/> gets them.</summary>
    private protected virtual IReadOnlyList<string> InputColumnNames => [InputColumnName];

    /// <summary>The added columns from the batch's texts of each of <see cref="InputColumnNames"/>.</summary>
    private protected virtual Array[] MapColumns(IReadOnlyList<IReadOnlyList<string>> columns) => Map(columns[0]);

    public bool IsRowToRowMapper => false;

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => BatchedTextDataView.BuildSchema(inputSchema, this);

    public IDataView Transform(IDataView input) => new BatchedTextDataView(input, this);

    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
        throw new NotSupportedException($"{GetType().Name} runs its model over batches of rows, so it has no row-to-row mapper " +
            "(PredictionEngine needs one). Call Transform on an IDataView, even one of a single row.");

    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException($"{GetType().Name} cannot be saved by ML.NET's model saver, which stores only ML.NET's own " +
            "transformers. Save the pipeline with mlContext.Temporal().SaveModel(model, inputSchema, path) and load it with " +
            "mlContext.Temporal().LoadModel(path, out inputSchema).");

    public void Dispose()
    {
        if (_ownsModel) Model.Dispose();
        GC.SuppressFinalize(this);
    }

    IReadOnlyList<string> ITextBatchMapper.InputColumnNames => InputColumnNames;
    IReadOnlyList<TextOutputColumn> ITextBatchMapper.OutputColumns => OutputColumns;
    Array[] ITextBatchMapper.MapColumns(IReadOnlyList<IReadOnlyList<string>> columns) => MapColumns(columns);

    void ITemporalTransformer.SaveTo(TemporalSaveContext context, string entry) =>
        context.WriteJson($"{entry}/{SettingsFile}", SavedSettings(context.ModelEntry(Model)));
}
