using System.Text.Json;
using FluentAssertions;
using MLNetTemporal.TaskSpaces;
using MLNetTemporal.Tests.TestSupport;
using Xunit;
using MLNetTemporal.Studies.TaskSpaces;

namespace MLNetTemporal.Tests.TaskSpaces;

public class TaskSpaceStudyTests
{
    [Fact]
    public void ASmallStudyGivesConsistentMatricesAndAReportAndLeavesTheModelUnchanged()
    {
        using var model = PairModels.Create();
        var set = new MinimalPairSet(BuiltInMinimalPairs.Generate(8)).Select(["transitive", "intransitive", "wh_vs_that_no_gap", "wh_vs_that_with_gap"]);
        var options = new TaskSpaceOptions { Ftgd = new FtgdOptions { MaxSteps = 3, LearningRate = 1e-2, BatchSize = 4, TopKFraction = 0.05 }, Permutations = 50 };
        var general = set.All.Take(6).Select(p => p.Good).ToList();
        var before = MinimalPairScoring.ScoreTasks(model, set);

        var result = TaskSpaceStudy.Run(model, set, options, general);

        MinimalPairScoring.ScoreTasks(model, set).Should().BeEquivalentTo(before, "the study trains clones only");
        result.Matrices.Select(m => m.Name).Should().Equal(TaskSpaceStudy.TransferName, TaskSpaceStudy.CosineName, TaskSpaceStudy.OverlapName);
        for (int i = 0; i < 4; i++)
        {
            result.Matrix(TaskSpaceStudy.TransferName)[i, i].Should().BeApproximately(1, 1e-9, "a task's transfer to itself is its own gain over itself");
            result.Matrix(TaskSpaceStudy.CosineName)[i, i].Should().BeApproximately(1, 1e-5);
            result.Matrix(TaskSpaceStudy.OverlapName)[i, i].Should().Be(1);
        }
        result.Outcomes.Should().OnlyContain(o => o.Ftgd != null && o.Plain != null && o.FtgdPerplexity > 0 && o.PlainPerplexity > 0);
        result.BaselinePerplexity.Should().BeGreaterThan(1);
        result.Grouping.Should().HaveCount(3);
        result.Dendrograms[TaskSpaceStudy.CosineName].Order.Should().BeEquivalentTo([0, 1, 2, 3]);

        using var folder = new TempFolder();
        var written = TaskSpaceReport.Write(folder.File("report"), result, options);
        Directory.GetFiles(written).Select(Path.GetFileName).Should().Contain(["summary.json", "tasks.csv", "transfer.csv", "transfer.png", "gradient_cosine.png", "mask_overlap.csv"]);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(written, "summary.json")));
        summary.RootElement.GetProperty("tasks").GetArrayLength().Should().Be(4);
        summary.RootElement.GetProperty("matrices")[0].GetProperty("clustered_order").GetArrayLength().Should().Be(4);
    }

    [Fact]
    public void TheGradientMethodAloneTrainsNothing()
    {
        using var model = PairModels.Create();
        var set = new MinimalPairSet(BuiltInMinimalPairs.Generate(6)).Select(["passive_1", "npi_any_negation", "transitive"]);
        var result = TaskSpaceStudy.Run(model, set, new TaskSpaceOptions { Method = TaskSpaceMethod.Gradient, Permutations = 10 });
        result.Matrices.Select(m => m.Name).Should().Equal(TaskSpaceStudy.CosineName, TaskSpaceStudy.OverlapName);
        result.Outcomes.Should().OnlyContain(o => o.Ftgd == null && o.Plain == null);
    }
}
