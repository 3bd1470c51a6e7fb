using FluentAssertions;
using MLNetTemporal.Training;
using Xunit;

namespace MLNetTemporal.Tests.Training;

public class FineTuningTests(CorpusModelFixture corpus) : IClassFixture<CorpusModelFixture>
{
    private static LanguageModelTrainingOptions Options => new() { BlockSize = 64, BatchSize = 8, Epochs = 3, LearningRate = 2e-3, Seed = 5 };

    [Fact]
    public void FineTuningOnAYearLowersHeldOutPerplexityThereMoreThanFiveYearsAway()
    {
        using var model = corpus.Model.Clone();
        var train = model.ToBlocks(CorpusModelFixture.Texts(corpus.Train, 2012), 64, keepPartialLastBlock: false);
        var same = model.ToBlocks(CorpusModelFixture.Texts(corpus.HeldOut, 2012), 64, keepPartialLastBlock: true);
        var far = model.ToBlocks(CorpusModelFixture.Texts(corpus.HeldOut, 2017), 64, keepPartialLastBlock: true);
        var before = LanguageModelTrainer.Evaluate(model.Module, same).Perplexity;
        var farBefore = LanguageModelTrainer.Evaluate(model.Module, far).Perplexity;

        LanguageModelTrainer.Train(model.Module, train, same, Options);
        var after = LanguageModelTrainer.Evaluate(model.Module, same).Perplexity;
        var farAfter = LanguageModelTrainer.Evaluate(model.Module, far).Perplexity;

        after.Should().BeLessThan(before * 0.97, "fine-tuning lowers held-out perplexity of the period trained on");
        after.Should().BeLessThan(farAfter, "the 2012 model fits 2012 better than 2017");
        (after / before).Should().BeLessThan(farAfter / farBefore, "the gain is larger on the period trained on");
    }

    [Fact]
    public void TheBaseModelIsUntouchedByFineTuningAClone()
    {
        var blocks = corpus.Model.ToBlocks(CorpusModelFixture.Texts(corpus.HeldOut, 2015), 64, keepPartialLastBlock: true);
        var before = LanguageModelTrainer.Evaluate(corpus.Model.Module, blocks).Mean;
        using (var clone = corpus.Model.Clone())
            LanguageModelTrainer.Train(clone.Module, clone.ToBlocks(CorpusModelFixture.Texts(corpus.Train, 2015), 64, false), null, Options with { });
        LanguageModelTrainer.Evaluate(corpus.Model.Module, blocks).Mean.Should().Be(before);
    }
}
