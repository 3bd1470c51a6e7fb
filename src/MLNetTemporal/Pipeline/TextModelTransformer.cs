using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.LanguageModels;

namespace MLNetTemporal.Pipeline;

/// <summary>
/// A fitted transform that runs a language model over a text column in batches and adds columns computed from it.
/// Immutable; its output is a lazy data view, so nothing runs until a cursor asks for an added column.
/// </summary>
public abstract class TextModelTransformer : ITransformer, IDisposable, ITextBatchMapper, ITemporalTransformer
{
    private readonly bool _ownsModel;

    private protected TextModelTransformer(LanguageModel model, bool ownsModel, TextModelSettings settings)
    {
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

    private protected TextModelSettings Settings { get; }
    internal abstract string Kind { get; }
    internal abstract IReadOnlyList<TextOutputColumn> OutputColumns { get; }

    /// <summary>The added columns of a batch, one model pass; see <see cref="ITextBatchMapper.Map"/>.</summary>
    private protected abstract Array[] Map(IReadOnlyList<string> texts);

    /// <summary>What <see cref="ITemporalTransformer.SaveTo"/> writes as the step's settings.json.</summary>
    private protected abstract object SavedSettings(string modelEntry);

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

    string ITextBatchMapper.InputColumnName => InputColumnName;
    int ITextBatchMapper.BatchSize => BatchSize;
    IReadOnlyList<TextOutputColumn> ITextBatchMapper.OutputColumns => OutputColumns;
    Array[] ITextBatchMapper.Map(IReadOnlyList<string> texts) => Map(texts);

    string ITemporalTransformer.Kind => Kind;

    void ITemporalTransformer.SaveTo(TemporalSaveContext context, string entry) =>
        context.WriteJson($"{entry}/settings.json", SavedSettings(context.ModelEntry(Model)));
}

/// <summary>The options every text-model transformer keeps after Fit and saves.</summary>
internal sealed record TextModelSettings(string InputColumnName, int BatchSize, int MaxTokens, string Device)
{
    public static TextModelSettings From(TextModelOptions options) =>
        new(options.InputColumnName, options.BatchSize, options.MaxTokens, options.Device);
}
