using System.Text.Json;
using FluentAssertions;
using MLNetTemporal.Data;
using MLNetTemporal.Numerics;
using MLNetTemporal.Tests.TestSupport;
using MLNetTemporal.TimeVectors;
using Xunit;
using static MLNetTemporal.Tests.WeightSpace.WeightSpaceModels;
using MLNetTemporal.Studies.TimeVectors;
using MLNetTemporal.Studies.Corpus;

namespace MLNetTemporal.Tests.TimeVectors;

public sealed class TimeStudyTests
{
    [Fact]
    public void A_study_writes_the_summary_keys_and_its_statistics_agree_with_the_matrices()
    {
        using var folder = new TempFolder();
        using var baseModel = Model(1);
        var periods = PeriodTexts.Group(
            new[] { "2012", "2013", "2014" }.SelectMany(y => Enumerable.Range(0, 20).Select(i => (new Period(int.Parse(y), 1), $"in {y} shares fell {i} times"))),
            TimeGranularity.Year);
        var options = new TimeStudyOptions
        {
            Training = new() { BlockSize = 16, BatchSize = 2, MaxSteps = 2 },
            Alphas = [0, 0.5, 1],
            VectorsFolder = folder.File("vectors"),
        };
        var result = TimeStudy.Run(baseModel, periods, folder.File("report"), options);

        using var summary = JsonDocument.Parse(File.ReadAllText(folder.File("report/summary.json")));
        foreach (var key in new[] { "periods", "perplexity", "cosine", "pearson_cosine_vs_degradation", "interpolation" })
            summary.RootElement.TryGetProperty(key, out _).Should().BeTrue(key);
        var curve = result.Interpolation["2013"];
        curve.PerplexityByAlpha["1.0"].Should().BeApproximately(result.Perplexity[0][1], 1e-9, "alpha 1 is the first period's model");
        curve.PerplexityByAlpha["0.0"].Should().BeApproximately(result.Perplexity[2][1], 1e-9, "alpha 0 is the last period's model");
        result.Cosine[1][1].Should().BeApproximately(1, 1e-12);
        for (int j = 0; j < 3; j++) Enumerable.Range(0, 3).Sum(i => result.Degradation[i][j]).Should().BeApproximately(0, 1e-12);
        var pairs = (from i in Enumerable.Range(0, 3) from j in Enumerable.Range(0, 3) where i != j select (i, j)).ToList();
        result.PearsonCosineVsDegradation.Should().BeApproximately(
            Statistics.Pearson([.. pairs.Select(p => result.Cosine[p.i][p.j])], [.. pairs.Select(p => result.Degradation[p.i][p.j])]), 1e-12);
        Directory.GetFiles(folder.File("report")).Select(Path.GetFileName).Should().Contain(["perplexity.csv", "cosine.png", "interpolation.png"]);
    }
}
