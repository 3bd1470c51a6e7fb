using MLNetTemporal.LanguageModels;

namespace MLNetTemporal.TaskSpaces;

/// <summary>Scores minimal pairs with a language model's summed token log-probabilities.</summary>
public static class MinimalPairScoring
{
    /// <summary>Log-probabilities of both sentences of every pair; each sentence is scored after the start token.</summary>
    public static PairScore[] ScorePairs(LanguageModel model, IReadOnlyList<MinimalPair> pairs, int batchSize = 32, int maxTokens = 128, CancellationToken cancellationToken = default) =>
        ScoreSentences(model, pairs.Select(p => p.Good).ToList(), pairs.Select(p => p.Bad).ToList(), batchSize, maxTokens, cancellationToken);

    /// <summary>Same for two parallel lists of sentences (good[i] against bad[i]).</summary>
    public static PairScore[] ScoreSentences(LanguageModel model, IReadOnlyList<string> good, IReadOnlyList<string> bad, int batchSize = 32, int maxTokens = 128, CancellationToken cancellationToken = default)
    {
        if (good.Count != bad.Count) throw new ArgumentException($"{good.Count} good sentences but {bad.Count} bad ones");
        var scores = model.Score([.. good, .. bad], batchSize, maxTokens, cancellationToken);
        return Enumerable.Range(0, good.Count)
            .Select(i => new PairScore(scores[i].LogLikelihood, scores[i].Tokens, scores[good.Count + i].LogLikelihood, scores[good.Count + i].Tokens))
            .ToArray();
    }

    /// <summary>Accuracy and margin of every task of the set, in the set's task order.</summary>
    public static IReadOnlyList<TaskScore> ScoreTasks(LanguageModel model, MinimalPairSet pairs, ScoreNormalization normalization = ScoreNormalization.Sum,
        int batchSize = 32, int maxTokens = 128, CancellationToken cancellationToken = default)
    {
        var all = pairs.All.ToList();
        var scores = ScorePairs(model, all, batchSize, maxTokens, cancellationToken);
        var result = new List<TaskScore>();
        int offset = 0;
        foreach (var task in pairs.Tasks)
        {
            int n = pairs[task].Count;
            result.Add(TaskScore.From(task, scores[offset..(offset + n)], normalization));
            offset += n;
        }
        return result;
    }
}
