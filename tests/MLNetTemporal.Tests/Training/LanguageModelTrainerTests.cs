using FluentAssertions;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Tests.LanguageModels;
using MLNetTemporal.Tests.TestSupport;
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
        double.IsFinite(eval.Mean).Should().BeTrue();
        eval.Tokens.Should().Be(train.Count * 15L);
    }

    [Fact]
    public void ACheckpointIsTheModelOfItsStepBitForBit()
    {
        var config = TestModels.ByName("gpt2");
        var train = Blocks(config.VocabSize, 1);
        LanguageModelTrainingOptions Options(int steps) => new()
        {
            BlockSize = 16, BatchSize = 2, MaxSteps = steps, Schedule = LearningRateSchedule.Constant, WarmupFraction = 0, CheckpointEvery = 3,
        };
        using var model = LanguageModelFactory.Create(config, seed: 3);
        var saved = new Dictionary<int, Dictionary<string, TorchSharp.torch.Tensor>>();
        LanguageModelTrainer.Train(model, train, null, Options(7), checkpoint: step =>
            saved[step] = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone()));
        saved.Keys.Should().Equal([3, 6], "every third step before the last");

        // With a constant rate, a 3-step run is the first 3 steps of the 7-step one.
        using var shorter = LanguageModelFactory.Create(config, seed: 3);
        LanguageModelTrainer.Train(shorter, train, null, Options(3));
        var atThree = shorter.state_dict();
        atThree.Keys.Should().BeEquivalentTo(saved[3].Keys);
        foreach (var (name, tensor) in atThree) TensorAssert.Identical(tensor, saved[3][name]).Should().BeTrue(name);
        var final = model.state_dict();
        saved[3].Keys.Should().Contain(name => !TensorAssert.Identical(final[name], saved[3][name]), "training went on after the checkpoint");
        foreach (var tensors in saved.Values) foreach (var t in tensors.Values) t.Dispose();
    }
}
