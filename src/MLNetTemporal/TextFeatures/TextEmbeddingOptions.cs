using MLNetTemporal.LanguageModels;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.TextFeatures;

/// <summary>Options of <c>mlContext.Temporal().EmbedText</c>.</summary>
public sealed class TextEmbeddingOptions : TextModelOptions
{
    /// <summary>Known-size float vector column of the model's hidden size.</summary>
    public string OutputColumnName { get; set; } = "Embedding";

    /// <summary>-1: the final norm's output; otherwise the residual stream after that block (0-based).</summary>
    public int Layer { get; set; } = -1;

    /// <summary>How the text's hidden states become one vector. An empty text gives the start token's state.</summary>
    public Pooling Pooling { get; set; } = Pooling.LastToken;

    protected internal override void Validate()
    {
        base.Validate();
        if (string.IsNullOrWhiteSpace(OutputColumnName)) throw new ArgumentException("OutputColumnName is empty");
        if (Layer < -1) throw new ArgumentOutOfRangeException(nameof(Layer), Layer, "Layer must be -1 (final) or a block index");
        if (!Enum.IsDefined(Pooling)) throw new ArgumentOutOfRangeException(nameof(Pooling), Pooling, "unknown pooling");
    }

    /// <summary>
    /// The column an embedding transformer with these options adds to the texts of a model of <paramref name="config"/>
    /// (also a time-adapted one); a <see cref="Layer"/> the model does not have is an error.
    /// </summary>
    internal TextOutputColumn OutputColumn(LanguageModelConfig config)
    {
        if (Layer >= config.NumLayers)
            throw new ArgumentOutOfRangeException(nameof(Layer), Layer, $"Layer must be -1 (final) or 0..{config.NumLayers - 1}");
        return TextEmbeddingTransformer.Column(OutputColumnName, config.HiddenSize);
    }
}
