using FluentAssertions;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.TaskSpaces;
using MLNetTemporal.Tests.TestSupport;
using Xunit;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MLNetTemporal.Tests.TaskSpaces;

public class GradientDifferentialTests
{
    /// <summary>-log p(text) from one unpadded forward pass of the text alone.</summary>
    private static Tensor Nll(LanguageModel model, string text)
    {
        var ids = model.EncodeWithStart(text, 128).Select(i => (long)i).ToArray();
        using var input = tensor(ids[..^1], [1, ids.Length - 1]);
        using var target = tensor(ids[1..], [ids.Length - 1, 1]);
        var logProbs = F.log_softmax(model.Module.call(new CausalLMInput(input)).Logits![0], -1);
        return -logProbs.gather(-1, target).sum();
    }

    private static Dictionary<string, Tensor> Gradients(LanguageModel model, IReadOnlyList<string> texts)
    {
        model.Module.zero_grad();
        using (var scope = NewDisposeScope())
            foreach (var text in texts) (Nll(model, text) / texts.Count).backward();
        var result = model.Module.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.detach().clone());
        model.Module.zero_grad();
        return result;
    }

    [Fact]
    public void TheDifferentialEqualsTheGoodGradientMinusTheBadGradientComputedSeparately()
    {
        using var model = PairModels.Create();
        var pairs = PairModels.Pairs("distractor_agreement_relative_clause", 7);
        using var differential = GradientDifferential.Mean(model, pairs, batchSize: 3);

        var good = Gradients(model, pairs.Select(p => p.Good).ToList());
        var bad = Gradients(model, pairs.Select(p => p.Bad).ToList());

        differential.Names.Should().BeEquivalentTo(good.Keys);
        good.Max(g => (g.Value - bad[g.Key]).abs().max().item<float>()).Should().BeGreaterThan(1e-3f, "the example must have a non-trivial differential");
        foreach (var (name, g) in good)
            TensorAssert.MaxAbsDiff(differential[name], g - bad[name]).Should().BeLessThan(1e-5, name);
        foreach (var p in model.Module.parameters()) (p.grad is null || p.grad.abs().sum().item<float>() == 0).Should().BeTrue("no gradient is left behind");
    }

    [Fact]
    public void TheMeanDifferentialDoesNotDependOnTheBatchSize()
    {
        using var model = PairModels.Create(seed: 5);
        var pairs = PairModels.Pairs("wh_vs_that_with_gap", 6);
        using var one = GradientDifferential.Mean(model, pairs, batchSize: 1);
        using var all = GradientDifferential.Mean(model, pairs, batchSize: 6);
        foreach (var name in one.Names) TensorAssert.MaxAbsDiff(one[name], all[name]).Should().BeLessThan(1e-5, name);
    }
}
