using System.Globalization;
using FluentAssertions;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Tests.TestSupport;
using MLNetTemporal.WeightSpace;
using Xunit;
using static MLNetTemporal.Tests.WeightSpace.WeightSpaceModels;

namespace MLNetTemporal.Tests.Cli;

/// <summary>sweep and greedy-soup on a tiny model and two hand-made vectors; every printed figure recomputed by applying the coefficients directly.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class TimeAdaptationCommandTests
{
    private static readonly string[] Sentences = ["the market rose in spring", "the election came in autumn", "shares fell after the vote"];

    private static Task<(int Code, string Out, string Error)> Run(params string[] args) => CliRunner.Run(args);

    /// <summary>A saved base, 2012/2016 vectors (other seeds minus the base) in a folder, and 40 rows of 2014 (held out: rows 9, 19, 29, 39).</summary>
    private static (string Base, string Vectors, string Data, string[] HeldOut) Setup(TempFolder temp, LanguageModel baseModel)
    {
        var baseFolder = temp.File("base");
        baseModel.Save(baseFolder);
        var vectors = Directory.CreateDirectory(temp.File("vectors")).FullName;
        foreach (var (period, seed) in new[] { ("2012", 2L), ("2016", 3L) })
        {
            using var tuned = Model(seed);
            using var tau = WeightVector.Difference(tuned, baseModel, new WeightVectorMetadata { Period = period });
            tau.Save(Path.Combine(vectors, $"{period}.safetensors"));
        }
        var texts = Enumerable.Range(0, 40).Select(i => $"{Sentences[i % 3]} {Sentences[(i / 3) % 3]}").ToArray();
        var data = temp.File("data.tsv");
        File.WriteAllLines(data, ["Date\tText", .. texts.Select((t, i) => $"2014-{1 + i % 12:D2}\t{t}"), "2013-01\tthe vote", "2013-02\tthe spring"]);
        return (baseFolder, vectors, data, [.. texts.Where((_, i) => i % 10 == 9)]);
    }

    private static double Perplexity(LanguageModel baseModel, string vectors, double[] lambdas, IReadOnlyList<string> texts)
    {
        using var a = WeightVector.Load(Path.Combine(vectors, "2012.safetensors"));
        using var b = WeightVector.Load(Path.Combine(vectors, "2016.safetensors"));
        using var model = ModelWeights.Apply(baseModel, [a, b], lambdas);
        var scores = model.Score(texts);
        return Math.Exp(-scores.Sum(s => s.LogLikelihood) / scores.Sum(s => s.Tokens));
    }

    [Fact]
    public async Task Sweep_prints_the_perplexity_of_each_interpolation_and_the_best_alpha()
    {
        using var temp = new TempFolder();
        using var baseModel = Model(1);
        var (baseFolder, vectors, data, heldOut) = Setup(temp, baseModel);

        var run = await Run("sweep", "--base", baseFolder, "--vectors", vectors, "--data", data, "--period", "2014", "--points", "3");

        run.Code.Should().Be(0, run.Error);
        run.Out.Should().Contain("period 2014: 4 held-out rows; alpha weights 2012, 1 - alpha weights 2016");
        var expected = new[] { 0.0, 0.5, 1.0 }.ToDictionary(x => x, x => Perplexity(baseModel, vectors, [x, 1 - x], heldOut));
        // The sweep reads the scoring transformer's float32 mean log-likelihoods: equal to about 1e-6 relative.
        var printed = run.Out.Split('\n').Select(l => l.Trim().Split("  ", StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 2 && double.TryParse(f[0], CultureInfo.InvariantCulture, out _))
            .ToDictionary(f => double.Parse(f[0], CultureInfo.InvariantCulture), f => double.Parse(f[1], CultureInfo.InvariantCulture));
        printed.Keys.Should().Equal(0.0, 0.5, 1.0);
        foreach (var (alpha, ppl) in expected)
            printed[alpha].Should().BeApproximately(ppl, 2e-4 + 1e-6 * ppl, $"alpha {alpha}");
        var best = expected.MinBy(kv => kv.Value);
        run.Out.Should().Contain($"best alpha {best.Key.ToString("0.0###", CultureInfo.InvariantCulture)}: perplexity ");
        expected.Values.Distinct().Should().HaveCount(3, "the endpoints and the middle are different models");
    }

    [Fact]
    public async Task Greedy_soup_is_chosen_on_dev_rows_and_compared_on_test_rows_with_each_period_and_the_uniform_soup()
    {
        using var temp = new TempFolder();
        using var baseModel = Model(1);
        var (baseFolder, vectors, data, heldOut) = Setup(temp, baseModel);
        var (dev, test) = (new[] { heldOut[0], heldOut[2] }, new[] { heldOut[1], heldOut[3] });
        var soupFolder = temp.File("soup");

        var run = await Run("greedy-soup", "--base", baseFolder, "--vectors", Path.Combine(vectors, "2012.safetensors"), Path.Combine(vectors, "2016.safetensors"),
            "--data", data, "--period", "2014", "--out", soupFolder);

        run.Code.Should().Be(0, run.Error);
        run.Out.Should().Contain("period 2014: dev 2 rows, test 2 rows");
        string Row(string name, double[] lambdas) =>
            $"{name,-28}  {Perplexity(baseModel, vectors, lambdas, dev),8:F4}  {Perplexity(baseModel, vectors, lambdas, test),8:F4}";
        run.Out.Should().Contain(Row("2012", [1, 0])).And.Contain(Row("2016", [0, 1])).And.Contain(Row("uniform soup", [0.5, 0.5]));
        using var soup = LanguageModel.Load(soupFolder, TorchSharp.torch.CPU);
        var soupDev = soup.Score(dev);
        var soupDevPerplexity = Math.Exp(-soupDev.Sum(s => s.LogLikelihood) / soupDev.Sum(s => s.Tokens));
        run.Out.Should().Contain($"{"greedy soup",-28}  {soupDevPerplexity,8:F4}");
        soupDevPerplexity.Should().BeLessThanOrEqualTo(new[] { 1.0, 0.0 }.Min(x => Perplexity(baseModel, vectors, [x, 1 - x], dev)) + 1e-9,
            "round one takes the best single period and later rounds only add what lowers the dev perplexity");
        run.Out.Should().Contain("greedy soup weights: ");
    }

    [Fact]
    public async Task Bad_input_names_the_file_period_or_option()
    {
        using var temp = new TempFolder();
        using var baseModel = Model(1);
        var (baseFolder, vectors, data, _) = Setup(temp, baseModel);
        using (var otherBase = Model(9))
        using (var tuned = Model(2))
        using (var foreign = WeightVector.Difference(tuned, otherBase, new WeightVectorMetadata { Period = "2020" }))
            foreign.Save(temp.File("2020.safetensors"));

        var mixed = await Run("sweep", "--base", baseFolder, "--vectors", vectors, temp.File("2020.safetensors"), "--data", data, "--period", "2014");
        mixed.Code.Should().Be(1);
        mixed.Error.Should().StartWith("error: ").And.Contain("2020.safetensors").And.Contain("base");

        var three = await Run("sweep", "--base", baseFolder, "--vectors", vectors, "--data", data, "--period", "2014", "--between", "2012", "2014", "2016");
        three.Error.Should().StartWith("error: ").And.Contain("--between takes two periods");

        var empty = await Run("greedy-soup", "--base", baseFolder, "--vectors", vectors, "--data", data, "--period", "2019");
        empty.Error.Should().StartWith("error: ").And.Contain("'2019'");

        var tooFew = await Run("greedy-soup", "--base", baseFolder, "--vectors", vectors, "--data", data, "--period", "2013");
        tooFew.Error.Should().StartWith("error: ").And.Contain("period 2013 has 1 held-out row");
    }
}
