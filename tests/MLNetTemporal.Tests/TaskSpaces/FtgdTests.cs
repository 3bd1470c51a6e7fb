using FluentAssertions;
using MLNetTemporal.TaskSpaces;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Tests.TestSupport;
using MLNetTemporal.WeightSpace;
using Xunit;
using static TorchSharp.torch;

namespace MLNetTemporal.Tests.TaskSpaces;

public class FtgdTests
{
    private static FtgdOptions Options => new() { MaxSteps = 1, LearningRate = 1e-2, TopKFraction = 0.02, BatchSize = 8, Seed = 3 };

    private static Dictionary<string, Tensor> Snapshot(LanguageModel model) =>
        model.Module.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());

    /// <summary>Entries that differ from <paramref name="before"/>: outside the mask, and in all.</summary>
    private static (long Outside, long All) Changed(LanguageModel model, Dictionary<string, Tensor> before, WeightMask mask)
    {
        long outside = 0, all = 0;
        foreach (var (name, p) in model.Module.named_parameters())
        {
            using var changed = p.detach().ne(before[name]);
            outside += changed.logical_and(mask[name].logical_not()).sum().item<long>();
            all += changed.sum().item<long>();
        }
        return (outside, all);
    }

    [Fact]
    public void OneFtgdStepChangesOnlyMaskedParameters()
    {
        using var model = PairModels.Create();
        var pairs = PairModels.Pairs("transitive", 16);
        using var mask = TaskFineTuning.ComputeMask(model, pairs, Options);
        var before = Snapshot(model);

        var result = TaskFineTuning.Ftgd(model, pairs, Options, mask);

        var (outside, all) = Changed(model, before, mask);
        result.Training.Steps.Should().Be(1);
        result.MaskedEntries.Should().Be(mask.Kept);
        outside.Should().Be(0, "no entry outside the mask may move");
        all.Should().BeGreaterThan(mask.Kept / 2, "the step moves the masked entries");
    }

    [Fact]
    public void SeveralFixedMaskStepsStillChangeOnlyTheMaskAndRaiseTheTrainingMargin()
    {
        using var model = PairModels.Create(seed: 4);
        var pairs = PairModels.Pairs("wh_vs_that_no_gap", 16);
        var options = Options with { MaxSteps = 8 };
        using var mask = TaskFineTuning.ComputeMask(model, pairs, options);
        var before = Snapshot(model);
        var set = new MinimalPairSet(pairs);
        double marginBefore = MinimalPairScoring.ScoreTasks(model, set)[0].MeanMargin;

        TaskFineTuning.Ftgd(model, pairs, options);

        Changed(model, before, mask).Outside.Should().Be(0);
        MinimalPairScoring.ScoreTasks(model, set)[0].MeanMargin.Should().BeGreaterThan(marginBefore + 0.5);
    }

    [Fact]
    public void PlainFineTuningMovesEveryParameterTensor()
    {
        using var model = PairModels.Create();
        var before = Snapshot(model);
        TaskFineTuning.Plain(model, PairModels.Pairs("passive_1", 8), Options);
        model.Module.named_parameters().Count(p => TensorAssert.Identical(p.parameter, before[p.name])).Should().Be(0);
    }

    [Fact]
    public void WeightDecayIsRejectedBecauseItWouldMoveUnmaskedParameters()
    {
        using var model = PairModels.Create();
        var act = () => TaskFineTuning.Ftgd(model, PairModels.Pairs("passive_1", 4), Options with { WeightDecay = 0.01 });
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*WeightDecay must be 0*");
    }

    [Fact]
    public void ATopKFractionOutsideZeroToOneIsRejectedByName()
    {
        using var model = PairModels.Create();
        var act = () => TaskFineTuning.Ftgd(model, PairModels.Pairs("passive_1", 4), Options with { TopKFraction = 0 });
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*TopKFraction*");
    }

    [Fact]
    public void AMaskFromAModelOfAnotherShapeIsRejected()
    {
        using var other = PairModels.Create(layers: 1);
        using var model = PairModels.Create();
        var pairs = PairModels.Pairs("passive_1", 4);
        using var mask = TaskFineTuning.ComputeMask(other, pairs, Options);
        var act = () => TaskFineTuning.Ftgd(model, pairs, Options, mask);
        act.Should().Throw<ArgumentException>().WithMessage("*another shape*");
    }
}
