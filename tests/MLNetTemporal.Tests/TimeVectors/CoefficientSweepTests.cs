using FluentAssertions;
using Microsoft.ML;
using MLNetTemporal.TimeVectors;
using MLNetTemporal.Training;
using MLNetTemporal.WeightSpace;
using Xunit;
using static MLNetTemporal.Tests.WeightSpace.WeightSpaceModels;
using MLNetTemporal.Pipeline;
using MLNetTemporal.TextFeatures;

namespace MLNetTemporal.Tests.TimeVectors;

public sealed class CoefficientSweepTests
{
    private static double Bowl(IReadOnlyDictionary<string, double> s) => Math.Pow(s["a"] - 0.37, 2) + Math.Pow(s["b"] + 0.2, 2);

    [Fact]
    public void A_grid_evaluates_every_combination_and_picks_the_known_minimum()
    {
        var result = CoefficientSweep.Grid([("a", [0.0, 0.4, 0.8]), ("b", [-0.2, 0.0])], Bowl, SweepGoal.Minimize);
        result.Table.Should().HaveCount(6);
        result.Table.Select(p => (p.Setting["a"], p.Setting["b"])).Should().Equal((0.0, -0.2), (0.0, 0.0), (0.4, -0.2), (0.4, 0.0), (0.8, -0.2), (0.8, 0.0));
        result.Best.Setting["a"].Should().Be(0.4);
        result.Best.Setting["b"].Should().Be(-0.2);
        CoefficientSweep.Grid([("a", [0.0, 0.4, 0.8]), ("b", [-0.2, 0.0])], s => -Bowl(s), SweepGoal.Maximize).Best.Should().BeEquivalentTo(result.Best with { Metric = -result.Best.Metric });
    }

    [Fact]
    public void Adaptive_search_refines_towards_the_optimum_deterministically()
    {
        CoefficientRange[] ranges = [new("a", 0, 1, 0.5), new("b", -1, 1, 0)];
        var coarse = CoefficientSweep.Adaptive(ranges, Bowl, SweepGoal.Minimize, points: 5, refinements: 0);
        var refined = CoefficientSweep.Adaptive(ranges, Bowl, SweepGoal.Minimize, points: 5, refinements: 3);
        coarse.Table.Should().HaveCount(25);
        refined.Best.Metric.Should().BeLessThan(coarse.Best.Metric);
        refined.Best.Setting["a"].Should().BeApproximately(0.37, 0.02);
        refined.Best.Setting["b"].Should().BeApproximately(-0.2, 0.02);
        refined.Table.Select(p => p.ToString()).Distinct().Should().HaveCount(refined.Table.Count, "no setting is evaluated twice");
        CoefficientSweep.Adaptive(ranges, Bowl, SweepGoal.Minimize, points: 5, refinements: 3).Table.Select(p => p.ToString())
            .Should().Equal(refined.Table.Select(p => p.ToString()));
    }

    [Fact]
    public void The_time_adaptation_sweep_reports_the_perplexity_of_each_alpha_and_picks_the_lowest()
    {
        var ml = new MLContext(1);
        using var baseModel = Model(5);
        var quick = new LanguageModelTrainingOptions { BlockSize = 16, BatchSize = 2, MaxSteps = 3, Seed = 5, LearningRate = 3e-3 };
        var rows = Enumerable.Range(0, 20).SelectMany(i => new[]
        {
            new TimeAdaptationTests.DatedRow { Text = $"the market rose in spring {i}", Date = "2012" },
            new TimeAdaptationTests.DatedRow { Text = $"shares fell after the vote {i}", Date = "2013" },
        }).ToList();
        using var set = ml.Temporal().FitTimeVectors(new TimeVectorEstimatorOptions { Model = baseModel, Training = quick }).Fit(ml.Data.LoadFromEnumerable(rows));
        var validation = ml.Data.LoadFromEnumerable(rows.Where(r => r.Date == "2012").Take(5).ToList());
        var time = new TimeAdaptationOptions { TimeVectors = set, Periods = ["2012", "2013"] };
        var result = ml.Temporal().SweepTimeAdaptation(new TextScoringOptions { Model = baseModel }, time, validation,
            new TimeAdaptationSweepOptions { Points = 5 });
        result.Table.Select(p => p.Setting["Alpha"]).Should().Equal(0, 0.25, 0.5, 0.75, 1);
        var texts = rows.Where(r => r.Date == "2012").Take(5).Select(r => r.Text).ToList();
        foreach (var point in result.Table)
        {
            using var model = ModelWeights.Apply(baseModel, [set["2012"], set["2013"]], [point.Setting["Alpha"], 1 - point.Setting["Alpha"]]);
            var scores = model.Score(texts);
            point.Metric.Should().BeApproximately(Math.Exp(-scores.Sum(s => s.LogLikelihood) / scores.Sum(s => s.Tokens)), 1e-4);
        }
        result.Best.Metric.Should().Be(result.Table.Min(p => p.Metric));
        var lambdas = ml.Temporal().SweepTimeAdaptation(new TextScoringOptions { Model = baseModel }, time, validation,
            new TimeAdaptationSweepOptions { Values = new Dictionary<string, IReadOnlyList<double>> { ["2012"] = [1.0], ["2013"] = [0.0] } });
        lambdas.Best.Metric.Should().BeApproximately(result.Table.Single(p => p.Setting["Alpha"] == 1).Metric, 1e-6);
    }
}
