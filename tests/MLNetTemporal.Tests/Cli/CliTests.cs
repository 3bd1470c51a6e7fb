using FluentAssertions;
using MLNetTemporal.Data;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Tests.TestSupport;
using Xunit;
using MLNetTemporal.Studies.Corpus;

namespace MLNetTemporal.Tests.Cli;

/// <summary>The verbs end to end on the built-in corpus and the Hugging Face fixture model (console output is the contract).</summary>
[Collection(nameof(ConsoleCollection))]
public class CliTests
{
    private static Task<(int Code, string Out, string Error)> Run(params string[] args) => CliRunner.Run(args);

    [FixtureFact("tiny-random-gpt2")]
    public async Task CorpusFinetuneAndEvalWorkTogether()
    {
        using var temp = new TempFolder();
        var corpus = temp.File("corpus.tsv");
        (await Run("corpus", "--out", corpus, "--sentences-per-month", "12")).Code.Should().Be(0);
        var rows = DatedTextTsv.Read(corpus);
        rows.Should().HaveCount(12 * 12 * 12);
        rows.Select(r => r.Date.Year).Distinct().Should().HaveCount(12);

        var model = Fixtures.Path("tiny-random-gpt2");
        var eval = await Run("eval", "--model", model, "--data", corpus, "--period", "2013");
        eval.Code.Should().Be(0, eval.Error);
        var expected = Perplexity(model, rows.Where(r => r.Date.Year == 2013).Select(r => r.Text));
        eval.Out.Should().Contain($"perplexity {expected:F3}").And.Contain("144 rows");

        var tuned = temp.File("tuned");
        var finetune = await Run("finetune", "--model", model, "--data", corpus, "--period", "2013", "--out", tuned, "--max-steps", "3", "--block-size", "32", "--batch-size", "4");
        finetune.Code.Should().Be(0, finetune.Error);
        File.Exists(Path.Combine(tuned, "model.safetensors")).Should().BeTrue();
        (await Run("eval", "--model", tuned, "--data", corpus, "--period", "2013")).Out.Should().NotContain($"perplexity {expected:F3}");
    }

    [Fact]
    public async Task A_verb_refuses_an_output_folder_holding_the_users_files_before_any_work()
    {
        using var temp = new TempFolder();
        var corpus = temp.File("data.tsv");
        (await Run("corpus", "--out", corpus, "--sentences-per-month", "2")).Code.Should().Be(0);
        File.WriteAllText(temp.File("notes.txt"), "mine");
        var before = File.ReadAllBytes(corpus);

        var pretrain = await Run("pretrain", "--data", corpus, "--preset", "tiny", "--out", temp.Path);

        pretrain.Code.Should().NotBe(0);
        pretrain.Error.Should().Contain("--out").And.Contain("did not write");
        temp.Entries.Should().Equal("data.tsv", "notes.txt");
        File.ReadAllBytes(corpus).Should().Equal(before);
    }

    [Theory]
    [InlineData("eval", "--period", "foo")]
    [InlineData("finetune", "--period", "20x2")]
    [InlineData("eval", "--period", "12-2012")]
    [InlineData("time-study", "--periods", "2013..2012")]
    [InlineData("time-study", "--periods", "2012-01-01..2012-01-05")]
    [InlineData("time-study", "--periods", "2012,foo")]
    public async Task A_bad_period_is_one_line_naming_the_option(string verb, string option, string value)
    {
        using var temp = new TempFolder();
        var data = temp.File("data.tsv");
        File.WriteAllText(data, "Date\tText\n2012-01-01\tA line.\n");
        string[] args = verb switch
        {
            "time-study" => [verb, "--data", data, option, value, "--out", temp.File("out")],
            "finetune" => [verb, "--model", temp.Path, "--data", data, option, value, "--out", temp.File("out")],
            _ => [verb, "--model", temp.Path, "--data", data, option, value],
        };

        var result = await Run(args);

        result.Code.Should().Be(1);
        result.Error.Should().Contain(option).And.Contain(value).And.NotContain("   at ");
        temp.Entries.Should().Equal("data.tsv");
    }

    [Fact]
    public async Task PretrainEpochsSetHowLongTheSameRecipeTrains()
    {
        using var temp = new TempFolder();
        var corpus = temp.File("corpus.tsv");
        (await Run("corpus", "--out", corpus, "--sentences-per-month", "6")).Code.Should().Be(0);
        async Task<int> Steps(int epochs, params string[] more)
        {
            var run = await Run(["pretrain", "--data", corpus, "--epochs", epochs.ToString(), "--out", temp.File($"e{epochs}"), .. more]);
            run.Code.Should().Be(0, run.Error);
            File.Exists(Path.Combine(temp.File($"e{epochs}"), "model.safetensors")).Should().BeTrue();
            return int.Parse(System.Text.RegularExpressions.Regex.Match(run.Out, @"after (\d+) steps").Groups[1].Value);
        }
        var one = await Steps(1);
        one.Should().BePositive();
        (await Steps(2, "--checkpoint-every", one.ToString())).Should().Be(2 * one);
        // The end of the first epoch is kept beside the output, as a model folder of its own; the last step is the output.
        Directory.GetDirectories(temp.File("e2.checkpoints")).Select(Path.GetFileName).Should().Equal($"step-{one:D6}");
        using var early = LanguageModel.Load(Path.Combine(temp.File("e2.checkpoints"), $"step-{one:D6}"), TorchSharp.torch.CPU);
        early.Config.NumLayers.Should().Be(4);
        var again = await Run("pretrain", "--data", corpus, "--epochs", "2", "--checkpoint-every", "3", "--out", temp.File("e2"));
        again.Code.Should().Be(1);
        again.Error.Should().Contain("e2.checkpoints").And.Contain("another run");
        Directory.GetDirectories(temp.File("e2.checkpoints")).Should().HaveCount(1, "the earlier run's checkpoints are kept");
    }

    [Fact]
    public async Task BadInputIsOneLineNamingTheProblem()
    {
        using var temp = new TempFolder();
        var corpus = temp.File("c.tsv");
        File.WriteAllText(corpus, "When\tText\n2012\thello\n");
        var column = await Run("eval", "--model", temp.File("nowhere"), "--data", corpus);
        column.Code.Should().Be(1);
        column.Error.Should().StartWith("error: ").And.Contain("'Date'").And.Contain("'When'");
        var missing = await Run("eval", "--model", temp.File("nowhere"), "--data", corpus, "--date-column", "When");
        missing.Code.Should().Be(1);
        missing.Error.Should().StartWith("error: ").And.Contain("nowhere");
        var required = await Run("eval", "--data", corpus);
        required.Code.Should().NotBe(0);
        required.Error.Should().Contain("--model");
        var epochs = await Run("pretrain", "--data", corpus, "--date-column", "When", "--epochs", "0", "--out", temp.File("early"));
        epochs.Code.Should().Be(1);
        epochs.Error.Should().StartWith("error: ").And.Contain("--epochs");
        Directory.Exists(temp.File("early")).Should().BeFalse();
    }

    [FixtureFact("tiny-random-gpt2")]
    public async Task AnchorsRefusesReweightingSettingsOutOfRangeBeforeAnyWork()
    {
        using var temp = new TempFolder();
        foreach (var (option, value, name) in new[] { ("--reweight-lr", "0", "LearningRate"), ("--reweight-epochs", "0", "Epochs"), ("--reweight-batch", "0", "BatchSize") })
        {
            var run = await Run("anchors", "--model", Fixtures.Path("tiny-random-gpt2"), "--task", "Sentiment", "--test", "4", option, value, "--out", temp.File("report"));
            run.Code.Should().Be(1);
            run.Error.Should().StartWith("error: ").And.Contain(name);
            run.Out.Should().NotContain("vanilla accuracy", "the settings are checked before the first seed runs");
            Directory.Exists(temp.File("report")).Should().BeFalse();
        }
    }

    private static double Perplexity(string folder, IEnumerable<string> texts)
    {
        using var model = LanguageModel.Load(folder, TorchSharp.torch.CPU);
        var blocks = model.ToBlocks(texts, 128, keepPartialLastBlock: true);
        return MLNetTemporal.Training.LanguageModelTrainer.Evaluate(model.Module, blocks).Perplexity;
    }
}
