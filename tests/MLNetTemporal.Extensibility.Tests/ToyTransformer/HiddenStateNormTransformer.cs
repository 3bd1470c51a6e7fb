using Microsoft.ML.Data;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.Extensibility.Tests.ToyTransformer;

/// <summary>
/// A transform written outside the library on its public base: adds a Single column holding the Euclidean norm of
/// each text's mean final hidden state, which the model computes <see cref="TextModelTransformer.BatchSize"/> texts at a time.
/// </summary>
public sealed class HiddenStateNormTransformer : TextModelTransformer
{
    public const string KindName = "Extensibility.Tests.HiddenStateNorm";
    private int _batchesRun;

    public HiddenStateNormTransformer(LanguageModel model, bool ownsModel, TextModelSettings settings, string outputColumnName)
        : base(model, ownsModel, settings)
    {
        OutputColumnName = outputColumnName;
        OutputColumns = [new TextOutputColumn(outputColumnName, NumberDataViewType.Single)];
    }

    public string OutputColumnName { get; }

    /// <summary>Model passes so far (the library calls <see cref="Map"/> once per batch a cursor reads).</summary>
    public int BatchesRun => Volatile.Read(ref _batchesRun);

    public override string Kind => KindName;

    protected override IReadOnlyList<TextOutputColumn> OutputColumns { get; }

    protected override Array[] Map(IReadOnlyList<string> texts)
    {
        Interlocked.Increment(ref _batchesRun);
        var states = Model.Embed(texts, layer: -1, Pooling.Mean, batchSize: texts.Count, maxTokens: MaxTokens);
        return [states.Select(Norm).ToArray()];
    }

    public static float Norm(float[] vector) => MathF.Sqrt(vector.Sum(v => v * v));

    protected override object SavedSettings(string modelEntry) => new Saved(modelEntry, Settings, OutputColumnName);

    /// <summary>Lets a saved pipeline holding this transform be loaded; call it once before loading (repeating it is harmless).</summary>
    public static void RegisterLoader() => TemporalTransformerKinds.Register(KindName, LoadFrom);

    private static HiddenStateNormTransformer LoadFrom(TemporalLoadContext context, string entry)
    {
        var saved = ReadSettings<Saved>(context, entry);
        var (model, owns) = context.Model(saved.Model, saved.Text.Device);
        return new HiddenStateNormTransformer(model, owns, saved.Text, saved.OutputColumnName);
    }

    internal sealed record Saved(string Model, TextModelSettings Text, string OutputColumnName);
}
