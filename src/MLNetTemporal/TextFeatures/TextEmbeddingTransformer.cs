using Microsoft.ML.Data;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.TextFeatures;

/// <summary>
/// Adds a known-size float vector column (the model's hidden size): the residual stream after
/// <see cref="Layer"/> pooled over the text's tokens, ready as Features for ML.NET trainers. An empty or missing text
/// gives the start token's hidden state.
/// </summary>
public sealed class TextEmbeddingTransformer : TextModelTransformer
{
    internal const string KindName = "TextEmbedding";

    internal TextEmbeddingTransformer(LanguageModel model, bool ownsModel, TextModelSettings settings,
        string outputColumnName, int layer, Pooling pooling)
        : base(model, ownsModel, settings)
    {
        if (layer < -1 || layer >= model.Config.NumLayers)
            throw new ArgumentOutOfRangeException(nameof(layer), layer, $"layer must be -1 (final) or 0..{model.Config.NumLayers - 1}");
        OutputColumnName = outputColumnName;
        Layer = layer;
        Pooling = pooling;
        OutputColumns = [Column(outputColumnName, model.Config.HiddenSize)];
    }

    public string OutputColumnName { get; }
    public int Layer { get; }
    public Pooling Pooling { get; }

    public override string Kind => KindName;
    protected override IReadOnlyList<TextOutputColumn> OutputColumns { get; }

    internal static TextOutputColumn Column(string name, int hiddenSize) =>
        new(name, new VectorDataViewType(NumberDataViewType.Single, hiddenSize));

    protected override Array[] Map(IReadOnlyList<string> texts) =>
        [Model.Embed(texts, Layer, Pooling, texts.Count, MaxTokens)];

    protected override object SavedSettings(string modelEntry) =>
        new Saved(modelEntry, Settings, OutputColumnName, Layer, Pooling);

    internal static TextEmbeddingTransformer LoadFrom(TemporalLoadContext context, string entry)
    {
        var saved = ReadSettings<Saved>(context, entry);
        var (model, owns) = context.Model(saved.Model, saved.Text.Device);
        return new TextEmbeddingTransformer(model, owns, saved.Text, saved.OutputColumnName, saved.Layer, saved.Pooling);
    }

    internal sealed record Saved(string Model, TextModelSettings Text, string OutputColumnName, int Layer, Pooling Pooling);
}
