using FluentAssertions;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.TimeVectors;
using MLNetTemporal.WeightSpace;
using Xunit;
using static MLNetTemporal.Tests.WeightSpace.WeightSpaceModels;

namespace MLNetTemporal.Tests.TimeVectors;

/// <summary>The greedy soup chosen on the dev half and reported on the test half, beside the base, each period and the uniform soup.</summary>
public sealed class TimeSoupComparisonTests
{
    private static readonly string[] HeldOut = ["the market rose in spring", "the election came in autumn", "shares fell after the vote", "the vote came in spring", "the market fell"];

    private static double Perplexity(LanguageModel model, IReadOnlyList<string> texts)
    {
        var scores = model.Score(texts);
        return Math.Exp(-scores.Sum(s => s.LogLikelihood) / scores.Sum(s => s.Tokens));
    }

    [Fact]
    public void Even_texts_choose_the_soup_and_every_row_is_scored_on_both_halves()
    {
        using var baseModel = Model(1);
        using var set = new TimeVectorSet(ModelWeights.Hash(baseModel));
        foreach (var (period, seed) in new[] { ("2012", 2L), ("2016", 3L) })
        {
            using var tuned = Model(seed);
            set.Add(WeightVector.Difference(tuned, baseModel, new WeightVectorMetadata { Period = period }));
        }
        var testCalls = 0;
        double Score(LanguageModel m, IReadOnlyList<string> texts)
        {
            if (texts.SequenceEqual(new[] { HeldOut[1], HeldOut[3] })) testCalls++;
            return Perplexity(m, texts);
        }

        var comparison = TimeSoupComparison.Run(baseModel, set, HeldOut, Score, SweepGoal.Minimize);

        comparison.Dev.Should().Equal(HeldOut[0], HeldOut[2], HeldOut[4]);
        comparison.Test.Should().Equal(HeldOut[1], HeldOut[3]);
        comparison.Rows.Select(r => r.Model).Should().Equal("base", "2012", "2016", "uniform soup", "greedy soup");
        testCalls.Should().Be(comparison.Rows.Count, "the test half scores each row once and never a candidate soup");
        void Expect(string name, LanguageModel model)
        {
            var row = comparison.Rows.Single(r => r.Model == name);
            row.Dev.Should().BeApproximately(Perplexity(model, comparison.Dev), 1e-9, name);
            row.Test.Should().BeApproximately(Perplexity(model, comparison.Test), 1e-9, name);
        }
        Expect("base", baseModel);
        using (var single = ModelWeights.Apply(baseModel, set["2016"])) Expect("2016", single);
        using (var uniform = ModelWeights.Apply(baseModel, [set["2012"], set["2016"]], [0.5, 0.5])) Expect("uniform soup", uniform);
        using (var greedy = TimeSoup.Apply(baseModel, set, comparison.Soup.Counts)) Expect("greedy soup", greedy);
        comparison.Rows[^1].Dev.Should().BeLessThanOrEqualTo(comparison.Rows.Where(r => r.Model is "2012" or "2016").Min(r => r.Dev),
            "round one takes the best single period and later rounds only add what lowers the dev score");
    }

    [Fact]
    public void Fewer_than_two_texts_leave_no_test_half()
    {
        using var baseModel = Model(1);
        using var set = new TimeVectorSet(ModelWeights.Hash(baseModel));
        var run = () => TimeSoupComparison.Run(baseModel, set, [HeldOut[0]], Perplexity, SweepGoal.Minimize);
        run.Should().Throw<ArgumentException>().Which.Message.Should().Contain("dev and a test half");
    }
}
