namespace MLNetTemporal.LanguageModels;

/// <summary>Log-likelihood of one text under the model.</summary>
/// <param name="LogLikelihood">Sum of log p(token | preceding) over the text's tokens (nats).</param>
/// <param name="Tokens">How many tokens were scored.</param>
public readonly record struct TextScore(double LogLikelihood, int Tokens)
{
    /// <summary>The text's share of a corpus' perplexity: sum these over texts, then take the perplexity once.</summary>
    public NegativeLogLikelihood Loss => new(-LogLikelihood, Tokens);

    public double MeanLogLikelihood => -Loss.Mean;
    public double Perplexity => Loss.Perplexity;
}
