using FluentAssertions;
using MLNetTemporal.TaskSpaces;
using Xunit;
using static TorchSharp.torch;

namespace MLNetTemporal.Tests.TaskSpaces;

public class MinimalPairScoringTests
{
    [Fact]
    public void TheTaskScoreOfAUniformModelOnThreePairsIsTheHandComputedValue()
    {
        // A model whose weights are all zero predicts every token with probability 1/V, so a sentence of T tokens
        // has log p = -T log V: the shorter sentence wins, equal lengths tie (a tie is wrong).
        using var model = PairModels.Create();
        using (no_grad())
            foreach (var p in model.Module.parameters()) p.zero_();
        var pairs = new MinimalPair[]
        {
            new("The plan rose.", "The plan rose the plan on Monday.", "t", "x"),   // good shorter: right
            new("The fans are excited.", "The fans is excited.", "t", "x"),        // lengths compared below
            new("The fans who praised it are excited about apps.", "Fans are.", "t", "x"),  // good longer: wrong
        };
        int Tokens(string s) => model.Tokenizer.Encode(s).Length;
        double logV = Math.Log(model.Config.VocabSize);
        var lengths = pairs.Select(p => (Good: Tokens(p.Good), Bad: Tokens(p.Bad))).ToArray();
        lengths[0].Good.Should().BeLessThan(lengths[0].Bad);
        lengths[2].Good.Should().BeGreaterThan(lengths[2].Bad);
        int right = lengths.Count(l => l.Good < l.Bad);
        double margin = lengths.Average(l => (l.Bad - l.Good) * logV);

        var score = MinimalPairScoring.ScoreTasks(model, new MinimalPairSet(pairs))[0];

        score.Pairs.Should().Be(3);
        score.Accuracy.Should().BeApproximately(right / 3.0, 1e-12);
        score.MeanMargin.Should().BeApproximately(margin, 1e-4);
        var perToken = MinimalPairScoring.ScoreTasks(model, new MinimalPairSet(pairs), ScoreNormalization.PerToken)[0];
        perToken.MeanMargin.Should().BeApproximately(0, 1e-5, "per token every sentence has the same mean log-probability");
    }

    [Fact]
    public void PairScoresMatchTheModelsOwnSentenceScores()
    {
        using var model = PairModels.Create(seed: 11);
        var pairs = PairModels.Pairs("npi_any_negation", 5);
        var scores = MinimalPairScoring.ScorePairs(model, pairs, batchSize: 2);
        for (int i = 0; i < pairs.Count; i++)
        {
            var good = model.Score([pairs[i].Good])[0];
            var bad = model.Score([pairs[i].Bad])[0];
            scores[i].GoodLogProb.Should().BeApproximately(good.LogLikelihood, 1e-4);
            scores[i].BadLogProb.Should().BeApproximately(bad.LogLikelihood, 1e-4);
            scores[i].Difference(ScoreNormalization.PerToken).Should().BeApproximately(good.MeanLogLikelihood - bad.MeanLogLikelihood, 1e-5);
        }
    }
}
