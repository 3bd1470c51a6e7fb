namespace MLNetTemporal.LanguageModels;

/// <summary>
/// Next-token negative log-likelihood (nats) summed over <see cref="Tokens"/> predicted tokens: the one place a
/// perplexity is computed. Parts add up (a corpus is the sum of its texts or batches) and perplexity divides once,
/// exp(total / tokens), so every predicted token weighs the same whatever text or block it is in.
/// </summary>
public readonly record struct NegativeLogLikelihood(double Total, long Tokens)
{
    /// <summary>Per predicted token: the cross-entropy loss. NaN when no token was predicted.</summary>
    public double Mean => Tokens == 0 ? double.NaN : Total / Tokens;

    public double Perplexity => PerplexityOf(Mean);

    /// <summary>Perplexity of a mean next-token loss, for callers that only see the mean (training progress).</summary>
    public static double PerplexityOf(double meanLoss) => Math.Exp(meanLoss);

    public static NegativeLogLikelihood operator +(NegativeLogLikelihood a, NegativeLogLikelihood b) => new(a.Total + b.Total, a.Tokens + b.Tokens);

    public static NegativeLogLikelihood Sum(IEnumerable<NegativeLogLikelihood> parts) => parts.Aggregate(default(NegativeLogLikelihood), (sum, part) => sum + part);
}
