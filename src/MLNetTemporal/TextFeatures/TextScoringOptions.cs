using MLNetTemporal.Pipeline;

namespace MLNetTemporal.TextFeatures;

/// <summary>Options of <c>mlContext.Temporal().ScoreText</c>.</summary>
public sealed class TextScoringOptions : TextModelOptions
{
    /// <summary>Float column: mean log-probability per text token (nats); NaN for an empty text.</summary>
    public string LogLikelihoodColumnName { get; set; } = "LogLikelihood";

    /// <summary>Float column: exp(-mean log-likelihood); NaN for an empty text.</summary>
    public string PerplexityColumnName { get; set; } = "Perplexity";

    /// <summary>Int32 column: how many tokens were scored (0 for an empty text).</summary>
    public string TokenCountColumnName { get; set; } = "TokenCount";

    protected internal override void Validate()
    {
        base.Validate();
        string[] names = [LogLikelihoodColumnName, PerplexityColumnName, TokenCountColumnName];
        if (names.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("an output column name is empty");
        if (names.Distinct().Count() != names.Length) throw new ArgumentException($"output column names must differ: {string.Join(", ", names)}");
    }

    /// <summary>The columns a scoring transformer with these options adds (also those of a time-adapted one).</summary>
    internal TextOutputColumn[] OutputColumns => TextScoringTransformer.Columns(LogLikelihoodColumnName, PerplexityColumnName, TokenCountColumnName);
}
