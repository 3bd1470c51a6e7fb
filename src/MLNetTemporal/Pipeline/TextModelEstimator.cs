using Microsoft.ML;
using MLNetTemporal.LanguageModels;

namespace MLNetTemporal.Pipeline;

/// <summary>
/// The one skeleton of every estimator that reads text columns with a language model and adds columns: options
/// checked when the estimator is made; the input schema checked by <see cref="GetOutputSchema"/> and by
/// <see cref="Fit(IDataView)"/> before any model is loaded; the model acquired once (the one in
/// <see cref="TextModelOptions.Model"/>, or <see cref="TextModelOptions.ModelPath"/> loaded on
/// <see cref="TextModelOptions.Device"/>); then <see cref="CreateTransformer"/>.
/// </summary>
/// <remarks>
/// To add an estimator from another assembly, derive from this class with options derived from
/// <see cref="TextModelOptions"/>: declare the added columns in <see cref="OutputColumns"/> and build the transformer
/// (usually a <see cref="TextModelTransformer"/>) in <see cref="CreateTransformer"/>. Override
/// <see cref="InputColumnNames"/> when more than one text column is read and <see cref="ValidateInput"/> for
/// columns of other types (a label).
/// </remarks>
public abstract class TextModelEstimator<TTransformer, TOptions> : IEstimator<TTransformer>
    where TTransformer : class, ITransformer
    where TOptions : TextModelOptions
{
    private LanguageModelConfig? _modelConfig;

    /// <summary>Checks <paramref name="options"/> (<see cref="TextModelOptions.Validate"/>), so bad options fail here rather than at Fit.</summary>
    protected TextModelEstimator(MLContext context, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Context = context;
        Options = options;
    }

    /// <summary>Resolves the device of a model loaded from a folder (GpuDeviceId, FallbackToCpu).</summary>
    protected MLContext Context { get; }

    protected TOptions Options { get; }

    /// <summary>
    /// The model's configuration (blocks, hidden size), read from <c>config.json</c> without loading weights:
    /// for output columns whose size is known before Fit, and for option checks that depend on the model.
    /// </summary>
    protected LanguageModelConfig ModelConfig => _modelConfig ??= TextModelSource.Config(Options);

    /// <summary>The text columns read, each checked to exist and hold scalar text; by default the input column.</summary>
    protected virtual IReadOnlyList<string> InputColumnNames => [Options.InputColumnName];

    /// <summary>The columns the fitted transformer adds (with placeholder sizes where only the data can tell them).</summary>
    protected abstract IReadOnlyList<TextOutputColumn> OutputColumns { get; }

    /// <summary>
    /// False for estimators whose transformer does not run the model it is given (a trainer that fine-tunes a
    /// copy, a study that keeps only its result): then a model loaded by Fit is disposed as soon as
    /// <see cref="CreateTransformer"/> returns, and the transformer is told it does not own it.
    /// </summary>
    protected virtual bool TransformerKeepsModel => true;

    /// <summary>Checks input columns other than <see cref="InputColumnNames"/> (a label), throwing an error that names the column.</summary>
    protected virtual void ValidateInput(SchemaShape inputSchema) { }

    /// <summary>
    /// Learns what the method learns from <paramref name="input"/> (nothing, for most) and builds the transformer.
    /// <paramref name="ownsModel"/>: whether the transformer must dispose <paramref name="model"/> (it was loaded here).
    /// If this throws, a model loaded here is disposed.
    /// </summary>
    protected abstract TTransformer CreateTransformer(IDataView input, LanguageModel model, bool ownsModel);

    public TTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // Against the data's own schema, so the error gives the column's exact type (vector sizes included).
        foreach (var name in InputColumnNames) TextInputColumn.Validate(input.Schema, name);
        ValidateInput(SchemaShapes.FromSchema(input.Schema));
        var (model, loaded) = TextModelSource.Acquire(Options, Context);
        bool handedOver = loaded && TransformerKeepsModel;
        try
        {
            return CreateTransformer(input, model, handedOver);
        }
        catch
        {
            if (handedOver) model.Dispose();
            throw;
        }
        finally
        {
            if (loaded && !handedOver) model.Dispose();
        }
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        foreach (var name in InputColumnNames) TextInputColumn.Validate(inputSchema, name);
        ValidateInput(inputSchema);
        return SchemaShapes.WithColumns(inputSchema, OutputColumns);
    }
}
