using FluentAssertions;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.TaskSpaces;
using MLNetTemporal.Tests.TestSupport;
using Xunit;
using MLNetTemporal.Studies.TaskSpaces;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.Tests.TaskSpaces;

public class TaskSpaceCatalogTests
{
    public sealed class PairRow
    {
        [ColumnName("sentence_good")] public string Good { get; set; } = "";
        [ColumnName("sentence_bad")] public string Bad { get; set; } = "";
        [ColumnName("UID")] public string Task { get; set; } = "";
        [ColumnName("linguistics_term")] public string Term { get; set; } = "";
    }

    private static IDataView Load(MLContext ml, IEnumerable<MinimalPair> pairs) =>
        ml.Data.LoadFromEnumerable(pairs.Select(p => new PairRow { Good = p.Good, Bad = p.Bad, Task = p.Task, Term = p.Term }).ToList());

    [Fact]
    public void PairScoringAddsTheLogProbDifferenceAndFlagOfEveryRowAndSurvivesSaveAndLoad()
    {
        var ml = new MLContext(seed: 1);
        using var model = PairModels.Create(seed: 9);
        var pairs = BuiltInMinimalPairs.Generate(3).Take(7).ToList();
        var data = Load(ml, pairs);
        var expected = MinimalPairScoring.ScorePairs(model, pairs);

        using var transformer = ml.Temporal().ScoreMinimalPairs(new MinimalPairScoringOptions { Model = model, BatchSize = 3 }).Fit(data);
        var output = transformer.Transform(data);
        var differences = output.GetColumn<float>("LogProbDifference").ToArray();
        var correct = output.GetColumn<bool>("Correct").ToArray();
        differences.Should().HaveCount(7);
        for (int i = 0; i < 7; i++)
        {
            differences[i].Should().BeApproximately((float)expected[i].Difference(ScoreNormalization.Sum), 1e-3f);
            correct[i].Should().Be(expected[i].Correct(ScoreNormalization.Sum));
        }

        using var folder = new TempFolder();
        ml.Temporal().SaveModel(transformer, data.Schema, folder.File("pairs.zip"));
        var loaded = ml.Temporal().LoadModel(folder.File("pairs.zip"), out _);
        loaded.Transform(data).GetColumn<float>("LogProbDifference").ToArray().Should().Equal(differences);
        (loaded as IDisposable)?.Dispose();
    }

    [Fact]
    public void AMissingBadColumnIsNamedInTheError()
    {
        var ml = new MLContext(seed: 1);
        using var model = PairModels.Create();
        var data = ml.Data.LoadFromEnumerable(new[] { new { sentence_good = "a" } });
        var act = () => ml.Temporal().ScoreMinimalPairs(model).Fit(data);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'sentence_bad' not found*");
    }

    [Fact]
    public void TheTaskSpaceEstimatorClustersTasksAndMapsATaskColumnToItsCluster()
    {
        var ml = new MLContext(seed: 1);
        using var model = PairModels.Create();
        var pairs = BuiltInMinimalPairs.Generate(6).Where(p => p.Task is "transitive" or "intransitive" or "npi_any_negation" or "only_npi_licensor_present").ToList();
        var data = Load(ml, pairs);
        var estimator = ml.Temporal().TaskSpace(new TaskSpaceEstimatorOptions
        {
            Model = model, Study = new TaskSpaceOptions { Method = TaskSpaceMethod.Gradient, Permutations = 10 },
        });
        var transformer = estimator.Fit(data);

        transformer.Result!.Tasks.Should().HaveCount(4);
        transformer.Clusters.Values.Should().OnlyContain(c => c == 1 || c == 2, "two families give two clusters");
        var clusters = transformer.Transform(data).GetColumn<int>("TaskCluster").ToArray();
        clusters.Should().Equal(pairs.Select(p => transformer.Clusters[p.Task]));

        using var folder = new TempFolder();
        ml.Temporal().SaveModel(transformer, data.Schema, folder.File("space.zip"));
        ml.Temporal().LoadModel(folder.File("space.zip"), out _).Transform(data).GetColumn<int>("TaskCluster").Should().Equal(clusters);
    }
}
