using FluentAssertions;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Tests.LanguageModels;
using MLNetTemporal.Tests.TestSupport;
using MLNetTemporal.Training;
using Xunit;
using static TorchSharp.torch;

namespace MLNetTemporal.Tests.Training;

[Collection(nameof(TensorCountingCollection))]
public class TrainingLoopTests
{
    private static TokenBlocks RandomBlocks(int count, int length, int vocab, int seed)
    {
        var random = new Random(seed);
        var docs = Enumerable.Range(0, count).Select(_ => (IReadOnlyList<int>)Enumerable.Range(0, length - 1).Select(_ => random.Next(1, vocab)).ToArray());
        return TokenBlocks.FromDocuments(docs, length, 0, keepPartialLastBlock: false);
    }

    private static Dictionary<string, Tensor> Weights(CausalLanguageModel m) =>
        m.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());

    [Fact]
    public void AccumulatedGradientsEqualOneBatchWeightedByTokens()
    {
        // Blocks of unequal length: a plain mean of micro-batch means would weight their tokens wrongly.
        var random = new Random(3);
        long[][] blocks = [.. new[] { 12, 5, 9, 3 }.Select(n => Enumerable.Range(0, n).Select(_ => (long)random.Next(1, 64)).ToArray())];
        Dictionary<string, Tensor> Gradients(IReadOnlyList<long[][]> batches, int accumulation)
        {
            using var m = LanguageModelFactory.Create(TestModels.Gpt2(), seed: 9);
            var grads = new Dictionary<string, Tensor>();
            TrainingLoop.Run(m, m.parameters().ToList(), _ => batches, b => LanguageModelLoss.Compute(m, b),
                new TrainingOptions { MaxSteps = 1, GradientAccumulationSteps = accumulation, MaxGradNorm = 0 },
                transformGradients: () =>
                {
                    foreach (var (name, p) in m.named_parameters()) grads[name] = p.grad!.clone().DetachFromDisposeScope();
                });
            return grads;
        }
        var whole = Gradients([blocks], 1);
        var accumulated = Gradients([blocks[..2], blocks[2..]], 2);
        foreach (var (name, g) in accumulated)
            TensorAssert.MaxAbsDiff(whole[name], g).Should().BeLessThan(1e-6 * Math.Max(1, whole[name].abs().max().item<float>()), name);
        whole.Values.Sum(g => g.abs().sum().item<float>()).Should().BeGreaterThan(0);
    }

    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public void SameSeedSameNumbersOtherSeedOtherNumbers(string arch)
    {
        // Every kind of dropout on, so the seed must reach each of them.
        var config = TestModels.ByName(arch) with { EmbeddingDropout = 0.1, ResidualDropout = 0.1, AttentionDropout = 0.1 };
        var blocks = RandomBlocks(8, 12, 64, 4);
        var options = new LanguageModelTrainingOptions { MaxSteps = 3, BatchSize = 2, LearningRate = 1e-2 };
        double Run(long seed)
        {
            using var m = LanguageModelFactory.Create(config, seed: 2);
            return LanguageModelTrainer.Train(m, blocks, null, options with { Seed = seed }).FinalTrainingLoss;
        }
        Run(1).Should().Be(Run(1));
        Run(1).Should().NotBe(Run(2));
    }

    [Fact]
    public void ScheduleWarmsUpThenDecaysToTheFloor()
    {
        var o = new TrainingOptions { LearningRate = 1.0, WarmupFraction = 0.1, MinLearningRateRatio = 0.1 };
        o.LearningRateAt(0, 100).Should().BeApproximately(0.1, 1e-12);
        o.LearningRateAt(9, 100).Should().BeApproximately(1.0, 1e-12);
        o.LearningRateAt(10, 100).Should().BeApproximately(1.0, 1e-12);
        o.LearningRateAt(99, 100).Should().BeApproximately(0.1, 1e-12);
        o.LearningRateAt(54, 100).Should().BeApproximately(0.1 + 0.9 * 0.5 * (1 + Math.Cos(Math.PI * 44 / 89.0)), 1e-12);
    }

    [Fact]
    public void CancellationStopsTrainingAndLeavesTheModelInEvalMode()
    {
        var blocks = RandomBlocks(8, 12, 64, 5);
        using var m = LanguageModelFactory.Create(TestModels.Gpt2());
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress(p => { if (p.Step == 2) cts.Cancel(); });
        var act = () => LanguageModelTrainer.Train(m, blocks, null, new LanguageModelTrainingOptions { MaxSteps = 50, BatchSize = 2 }, progress, cts.Token);
        act.Should().Throw<OperationCanceledException>();
        progress.Seen.Should().Be(2);
        m.training.Should().BeFalse();
    }

    [Fact]
    public void AStopSignalEndsTrainingAfterThatStep()
    {
        var blocks = RandomBlocks(8, 12, 64, 5);
        using var m = LanguageModelFactory.Create(TestModels.Gpt2(), seed: 4);
        var evaluations = 0;
        var result = TrainingLoop.Run(m, m.parameters().ToList(), _ => blocks.Batches(2, null), b => LanguageModelLoss.Compute(m, b),
            new TrainingOptions { MaxSteps = 10, EvaluateEvery = 2 },
            evaluate: () => ++evaluations,
            shouldStop: p => p.EvaluationLoss >= 2);
        result.Steps.Should().Be(4, "the second evaluation, after step 4, signals the stop");
        result.History.Should().HaveCount(4);
        result.FinalEvaluationLoss.Should().Be(2);
        m.training.Should().BeFalse();
    }

    [Fact]
    public void ManyStepsDoNotLeakTensors()
    {
        var blocks = RandomBlocks(8, 12, 64, 6);
        using var m = LanguageModelFactory.Create(TestModels.Gpt2());
        var options = new LanguageModelTrainingOptions { BatchSize = 2, LearningRate = 1e-3 };
        LanguageModelTrainer.Train(m, blocks, blocks, options with { MaxSteps = 5, EvaluateEvery = 1 });
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long before = Tensor.TotalCount;
        var counts = new List<long>();
        foreach (var steps in new[] { 5, 20, 100, 200 })
        {
            LanguageModelTrainer.Train(m, blocks, blocks, options with { MaxSteps = steps, EvaluateEvery = 1 });
            GC.Collect();
            GC.WaitForPendingFinalizers();
            counts.Add(Tensor.TotalCount - before);
        }
        // Garbage from earlier tests may be finalised meanwhile (lowering the count); a leak of even one tensor per
        // step would add about 195 between the 5-step and the 200-step run.
        counts.Should().OnlyContain(c => c <= 0, "runs of 5 to 200 steps leave no tensor behind");
        (counts[^1] - counts[0]).Should().BeLessThan(10);
    }

    [Fact]
    public void BadOptionsNameTheOption()
    {
        var blocks = RandomBlocks(2, 12, 64, 7);
        using var m = LanguageModelFactory.Create(TestModels.Gpt2());
        var act = () => LanguageModelTrainer.Train(m, blocks, null, new LanguageModelTrainingOptions { LearningRate = -1 });
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*LearningRate*");
    }

    private sealed class SyncProgress(Action<TrainingProgress> onReport) : IProgress<TrainingProgress>
    {
        public int Seen { get; private set; }
        public void Report(TrainingProgress value)
        {
            Seen++;
            onReport(value);
        }
    }
}
