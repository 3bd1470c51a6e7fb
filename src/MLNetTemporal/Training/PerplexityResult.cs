namespace MLNetTemporal.Training;

/// <summary>Mean next-token cross-entropy (nats) over <see cref="Tokens"/> predicted tokens; perplexity = exp(loss).</summary>
public sealed record PerplexityResult(double Loss, long Tokens)
{
    public double Perplexity => Math.Exp(Loss);
}
