using FluentAssertions;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Tests.LanguageModels;
using MLNetTemporal.Training;
using Xunit;

namespace MLNetTemporal.Tests.Training;

/// <summary>Training and evaluation of float32 models end to end (the loss is a float32 scalar).</summary>
public class LanguageModelTrainerTests
{
    private static TokenBlocks Blocks(int vocab, int seed)
    {
        var random = new Random(seed);
        var docs = Enumerable.Range(0, 8).Select(_ => (IReadOnlyList<int>)Enumerable.Range(0, 40).Select(_ => random.Next(1, vocab)).ToArray());
        return TokenBlocks.FromDocuments(docs, blockSize: 16, separatorId: 0, keepPartialLastBlock: false);
    }

    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public void TrainsAndEvaluatesAFloat32Model(string architecture)
    {
        var config = TestModels.ByName(architecture);
        using var model = LanguageModelFactory.Create(config, seed: 3);
        model.TokenEmbeddingWeight.dtype.Should().Be(TorchSharp.torch.ScalarType.Float32);
        var train = Blocks(config.VocabSize, 1);
        var options = new LanguageModelTrainingOptions { BlockSize = 16, BatchSize = 4, MaxSteps = 3, EvaluationBatchSize = 8 };

        var result = LanguageModelTrainer.Train(model, train, Blocks(config.VocabSize, 2), options);

        result.Steps.Should().Be(3);
        double.IsFinite(result.FinalTrainingLoss).Should().BeTrue();
        result.FinalEvaluationLoss.Should().NotBeNull();
        var eval = LanguageModelTrainer.Evaluate(model, train, batchSize: 8);
        double.IsFinite(eval.Loss).Should().BeTrue();
        eval.Tokens.Should().Be(train.Count * 15L);
    }
}
