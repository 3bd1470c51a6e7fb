using Microsoft.ML;
using MLNetTemporal.LanguageModels;

namespace MLNetTemporal.TextFeatures;

/// <summary>Totals over the rows that <see cref="TextScoringTransformer"/> scored.</summary>
public static class ScoredTexts
{
    /// <summary>
    /// The rows' summed negative log-likelihood, rebuilt from each row's mean and token count (rows without tokens
    /// add nothing); its <see cref="NegativeLogLikelihood.Perplexity"/> is the token-weighted corpus perplexity.
    /// </summary>
    public static NegativeLogLikelihood Loss(IDataView scored, string logLikelihoodColumnName = "LogLikelihood", string tokenCountColumnName = "TokenCount")
    {
        ArgumentNullException.ThrowIfNull(scored);
        var ll = scored.Schema[logLikelihoodColumnName];
        var tokens = scored.Schema[tokenCountColumnName];
        using var cursor = scored.GetRowCursor([ll, tokens]);
        var getLl = cursor.GetGetter<float>(ll);
        var getTokens = cursor.GetGetter<int>(tokens);
        var sum = default(NegativeLogLikelihood);
        float mean = 0;
        int n = 0;
        while (cursor.MoveNext())
        {
            getTokens(ref n);
            if (n == 0) continue;
            getLl(ref mean);
            sum += new NegativeLogLikelihood(-(double)mean * n, n);
        }
        return sum;
    }
}
