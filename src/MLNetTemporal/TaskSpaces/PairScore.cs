namespace MLNetTemporal.TaskSpaces;

/// <summary>How a sentence's log-probability is compared between the two sentences of a pair.</summary>
public enum ScoreNormalization
{
    /// <summary>Summed log-probability of the sentence's tokens: BLiMP's criterion, p(good) &gt; p(bad).</summary>
    Sum,
    /// <summary>Mean log-probability per token, so that a longer sentence is not penalised for its length.</summary>
    PerToken,
}

/// <summary>The model's log-probabilities of the two sentences of a pair (nats, summed over tokens).</summary>
public readonly record struct PairScore(double GoodLogProb, int GoodTokens, double BadLogProb, int BadTokens)
{
    /// <summary>log p(good) - log p(bad), summed or per token.</summary>
    public double Difference(ScoreNormalization normalization) => normalization == ScoreNormalization.PerToken
        ? GoodLogProb / GoodTokens - BadLogProb / BadTokens
        : GoodLogProb - BadLogProb;

    /// <summary>True when the good sentence is strictly more probable; a tie counts as wrong.</summary>
    public bool Correct(ScoreNormalization normalization) => Difference(normalization) > 0;
}

/// <summary>A task's score: the fraction of pairs the model gets right and the mean log-probability margin.</summary>
/// <param name="Task">The task scored.</param>
/// <param name="Pairs">How many pairs were scored.</param>
/// <param name="Accuracy">Fraction of pairs with p(good) &gt; p(bad) (METHODS.md's task score).</param>
/// <param name="MeanMargin">Mean of log p(good) - log p(bad): a continuous score that moves even when accuracy is at 0 or 1.</param>
public sealed record TaskScore(string Task, int Pairs, double Accuracy, double MeanMargin)
{
    public static TaskScore From(string task, IReadOnlyList<PairScore> scores, ScoreNormalization normalization) =>
        scores.Count == 0
            ? throw new ArgumentException($"task '{task}' has no pair to score", nameof(scores))
            : new(task, scores.Count, scores.Count(s => s.Correct(normalization)) / (double)scores.Count, scores.Average(s => s.Difference(normalization)));

    /// <summary>The score that <paramref name="measure"/> names.</summary>
    public double Value(ScoreMeasure measure) => measure == ScoreMeasure.Accuracy ? Accuracy : MeanMargin;
}

/// <summary>Which task score a change (gain, transfer) is measured in.</summary>
public enum ScoreMeasure
{
    /// <summary>Mean log-probability margin: continuous, so small transfers and tasks already at 100% still register.</summary>
    Margin,
    /// <summary>Fraction of pairs right: the paper's score, coarse on small held-out sets.</summary>
    Accuracy,
}
