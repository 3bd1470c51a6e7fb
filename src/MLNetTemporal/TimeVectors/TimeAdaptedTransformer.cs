using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.WeightSpace;
using MLNetTemporal.Pipeline;
using MLNetTemporal.TextFeatures;

namespace MLNetTemporal.TimeVectors;

/// <summary>
/// Scores or embeds a text column under <c>theta_pre + delta</c>, <c>delta = sum_i lambda_i tau_i</c>: the adapted
/// model is built once and run by the foundation's scoring/embedding transformer, so its columns are exactly those
/// of <see cref="TextScoringTransformer"/> or <see cref="TextEmbeddingTransformer"/>. Saved as the base model plus
/// the combined delta, and rebuilt the same way on load (bit-identical weights). Immutable.
/// </summary>
public sealed class TimeAdaptedTransformer : ITransformer, ITemporalTransformer, IDisposable
{
    internal const string KindName = "TimeAdapted";
    private const string DeltaFile = "delta.safetensors";
    private readonly bool _ownsBase;
    private readonly WeightVector _delta;
    private readonly TextModelTransformer _output;
    private readonly AdaptedOutput _settings;

    internal TimeAdaptedTransformer(LanguageModel baseModel, bool ownsBase, WeightVector delta, IReadOnlyList<string> periods,
        IReadOnlyList<double> coefficients, AdaptedOutput settings)
    {
        _delta = delta.Clone();
        try
        {
            BaseModel = baseModel;
            _ownsBase = ownsBase;
            Periods = [.. periods];
            Coefficients = [.. coefficients];
            _settings = settings;
            _output = settings.Build(ModelWeights.Apply(baseModel, _delta));
        }
        catch
        {
            _delta.Dispose();
            throw;
        }
    }

    /// <summary>theta_pre; owned only when the transformer loaded it.</summary>
    public LanguageModel BaseModel { get; }

    /// <summary>theta_pre + sum_i lambda_i tau_i, owned by the transformer.</summary>
    public LanguageModel AdaptedModel => _output.Model;

    public IReadOnlyList<string> Periods { get; }
    public IReadOnlyList<double> Coefficients { get; }

    /// <summary>The scoring or embedding transformer that runs the adapted model.</summary>
    public TextModelTransformer Output => _output;

    public bool IsRowToRowMapper => false;
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _output.GetOutputSchema(inputSchema);
    public IDataView Transform(IDataView input) => _output.Transform(input);
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => _output.GetRowToRowMapper(inputSchema);

    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)_output).Save(ctx);

    string ITemporalTransformer.Kind => KindName;

    void ITemporalTransformer.SaveTo(TemporalSaveContext context, string entry)
    {
        _delta.Save(context.PathOf($"{entry}/{DeltaFile}"));
        context.WriteJson($"{entry}/settings.json", new Saved(context.ModelEntry(BaseModel), [.. Periods], [.. Coefficients], _settings));
    }

    internal static TimeAdaptedTransformer LoadFrom(TemporalLoadContext context, string entry)
    {
        var saved = context.ReadJson<Saved>($"{entry}/settings.json");
        var (baseModel, owns) = context.Model(saved.BaseModel, saved.Output.Text.Device);
        using var delta = WeightVector.Load(context.PathOf($"{entry}/{DeltaFile}"));
        try
        {
            return new TimeAdaptedTransformer(baseModel, owns, delta, saved.Periods, saved.Coefficients, saved.Output);
        }
        catch (ArgumentException e)
        {
            throw context.Invalid($"{entry}/{DeltaFile}", $"does not fit the saved base model: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        _output.Dispose();
        _delta.Dispose();
        if (_ownsBase) BaseModel.Dispose();
    }

    internal static AdaptedOutput OutputOf(TextModelOptions text) => text switch
    {
        TextScoringOptions s => new AdaptedOutput(TextModelSettings.From(s),
            new ScoringColumns(s.LogLikelihoodColumnName, s.PerplexityColumnName, s.TokenCountColumnName), null),
        TextEmbeddingOptions e => new AdaptedOutput(TextModelSettings.From(e), null, new EmbeddingColumn(e.OutputColumnName, e.Layer, e.Pooling)),
        _ => throw new ArgumentException($"the text options must be TextScoringOptions or TextEmbeddingOptions, not {text.GetType().Name}", nameof(text)),
    };

    internal sealed record ScoringColumns(string LogLikelihood, string Perplexity, string TokenCount);
    internal sealed record EmbeddingColumn(string Name, int Layer, Pooling Pooling);

    /// <summary>What the adapted model computes: the settings of the scoring or the embedding transformer.</summary>
    internal sealed record AdaptedOutput(TextModelSettings Text, ScoringColumns? Scoring, EmbeddingColumn? Embedding)
    {
        /// <summary>The transformer that runs <paramref name="adapted"/> (and owns it).</summary>
        public TextModelTransformer Build(LanguageModel adapted)
        {
            try
            {
                return Scoring is { } s
                    ? new TextScoringTransformer(adapted, true, Text, s.LogLikelihood, s.Perplexity, s.TokenCount)
                    : Embedding is { } e
                        ? new TextEmbeddingTransformer(adapted, true, Text, e.Name, e.Layer, e.Pooling)
                        : throw new ArgumentException("the output is neither scoring nor embedding");
            }
            catch
            {
                adapted.Dispose();
                throw;
            }
        }
    }

    internal sealed record Saved(string BaseModel, string[] Periods, double[] Coefficients, AdaptedOutput Output);
}
