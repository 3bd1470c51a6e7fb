using FluentAssertions;
using MLNetTemporal.TaskSpaces;
using MLNetTemporal.Tests.TestSupport;
using Xunit;
using static TorchSharp.torch;
using MLNetTemporal.Studies.TaskSpaces;

namespace MLNetTemporal.Tests.TaskSpaces;

public class FtgdTests
{
    private static FtgdOptions Options => new() { MaxSteps = 1, LearningRate = 1e-2, TopKFraction = 0.02, BatchSize = 8, Seed = 3 };

    private static Tensor Snapshot(TorchSharp.Modules.Parameter[] parameters) => cat(parameters.Select(p => p.detach().reshape(-1).clone()).ToArray());

    [Fact]
    public void OneFtgdStepChangesOnlyMaskedParameters()
    {
        using var model = PairModels.Create();
        var pairs = PairModels.Pairs("transitive", 16);
        var parameters = ParameterLayout.For(model.Module).ParametersOf(model.Module).ToArray();
        using var mask = TaskFineTuning.ComputeMask(model, pairs, Options);
        using var before = Snapshot(parameters);

        var result = TaskFineTuning.Ftgd(model, pairs, Options, mask);

        using var after = Snapshot(parameters);
        using var changed = after.ne(before);
        result.Training.Steps.Should().Be(1);
        result.MaskedEntries.Should().Be(mask.Kept);
        changed.logical_and(mask.Flat.logical_not()).sum().item<long>().Should().Be(0, "no entry outside the mask may move");
        changed.sum().item<long>().Should().BeGreaterThan(mask.Kept / 2, "the step moves the masked entries");
    }

    [Fact]
    public void SeveralFixedMaskStepsStillChangeOnlyTheMaskAndRaiseTheTrainingMargin()
    {
        using var model = PairModels.Create(seed: 4);
        var pairs = PairModels.Pairs("wh_vs_that_no_gap", 16);
        var options = Options with { MaxSteps = 8 };
        var parameters = ParameterLayout.For(model.Module).ParametersOf(model.Module).ToArray();
        using var mask = TaskFineTuning.ComputeMask(model, pairs, options);
        using var before = Snapshot(parameters);
        var set = new MinimalPairSet(pairs);
        double marginBefore = MinimalPairScoring.ScoreTasks(model, set)[0].MeanMargin;

        TaskFineTuning.Ftgd(model, pairs, options);

        using var after = Snapshot(parameters);
        after.ne(before).logical_and(mask.Flat.logical_not()).sum().item<long>().Should().Be(0);
        MinimalPairScoring.ScoreTasks(model, set)[0].MeanMargin.Should().BeGreaterThan(marginBefore + 0.5);
    }

    [Fact]
    public void PlainFineTuningMovesEveryParameterTensor()
    {
        using var model = PairModels.Create();
        var parameters = ParameterLayout.For(model.Module).ParametersOf(model.Module).ToArray();
        var before = parameters.Select(p => p.detach().clone()).ToArray();
        TaskFineTuning.Plain(model, PairModels.Pairs("passive_1", 8), Options);
        parameters.Zip(before).Count(x => TensorAssert.Identical(x.First, x.Second)).Should().Be(0);
    }

    [Fact]
    public void WeightDecayIsRejectedBecauseItWouldMoveUnmaskedParameters()
    {
        using var model = PairModels.Create();
        var act = () => TaskFineTuning.Ftgd(model, PairModels.Pairs("passive_1", 4), Options with { WeightDecay = 0.01 });
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*WeightDecay must be 0*");
    }
}
