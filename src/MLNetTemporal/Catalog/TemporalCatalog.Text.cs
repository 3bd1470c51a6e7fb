using MLNetTemporal.LanguageModels;
using MLNetTemporal.Pipeline;
using MLNetTemporal.TextFeatures;

namespace MLNetTemporal.Catalog;

public sealed partial class TemporalCatalog
{
    /// <summary>Adds the mean token log-likelihood, perplexity and token count of a text column under a model folder.</summary>
    public TextScoringEstimator ScoreText(string modelFolder, string inputColumnName = "Text",
        string logLikelihoodColumnName = "LogLikelihood", string perplexityColumnName = "Perplexity") =>
        ScoreText(new TextScoringOptions
        {
            ModelPath = modelFolder, InputColumnName = inputColumnName,
            LogLikelihoodColumnName = logLikelihoodColumnName, PerplexityColumnName = perplexityColumnName,
        });

    /// <summary>Same as the folder overload, with a model already in memory (used where it is, not copied).</summary>
    public TextScoringEstimator ScoreText(LanguageModel model, string inputColumnName = "Text",
        string logLikelihoodColumnName = "LogLikelihood", string perplexityColumnName = "Perplexity") =>
        ScoreText(new TextScoringOptions
        {
            Model = model, InputColumnName = inputColumnName,
            LogLikelihoodColumnName = logLikelihoodColumnName, PerplexityColumnName = perplexityColumnName,
        });

    public TextScoringEstimator ScoreText(TextScoringOptions options) => new(Context, options);

    /// <summary>Adds a vector column: the pooled hidden state of a text column after block <paramref name="layer"/>.</summary>
    public TextEmbeddingEstimator EmbedText(string modelFolder, string inputColumnName = "Text",
        string outputColumnName = "Embedding", int layer = -1, Pooling pooling = Pooling.LastToken) =>
        EmbedText(new TextEmbeddingOptions
        {
            ModelPath = modelFolder, InputColumnName = inputColumnName, OutputColumnName = outputColumnName,
            Layer = layer, Pooling = pooling,
        });

    /// <summary>Same as the folder overload, with a model already in memory (used where it is, not copied).</summary>
    public TextEmbeddingEstimator EmbedText(LanguageModel model, string inputColumnName = "Text",
        string outputColumnName = "Embedding", int layer = -1, Pooling pooling = Pooling.LastToken) =>
        EmbedText(new TextEmbeddingOptions
        {
            Model = model, InputColumnName = inputColumnName, OutputColumnName = outputColumnName,
            Layer = layer, Pooling = pooling,
        });

    public TextEmbeddingEstimator EmbedText(TextEmbeddingOptions options) => new(Context, options);
}
