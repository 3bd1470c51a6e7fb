using FluentAssertions;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.LanguageModels.Hooks;
using MLNetTemporal.Tests.TestSupport;
using Xunit;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MLNetTemporal.Tests.LanguageModels;

public class HookTests
{
    private static Tensor Ids() => tensor(new long[] { 5, 9, 2, 33, 17, 8, 1, 40 }, [2, 4]);

    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public void CapturedResidualStreamsAreTheForwardsOwnValues(string arch)
    {
        using var model = LanguageModelFactory.Create(TestModels.ByName(arch));
        model.eval();
        using var ids = Ids();
        var plain = model.call(new CausalLMInput(ids));
        var hooks = new ActivationHooks().Capture(_ => true);
        var hooked = model.call(new CausalLMInput(ids) { Hooks = hooks });
        using var cache = hooks.Cache;

        // Capturing everything (attention included, which leaves the fused kernel) does not change the output.
        (hooked.Logits! - plain.Logits!).abs().max().item<float>().Should().BeLessThan(1e-5f);
        int layers = model.Config.NumLayers;
        for (int l = 0; l + 1 < layers; l++)
            TensorAssert.Identical(cache[HookNames.ResidPost(l)], cache[HookNames.ResidPre(l + 1)]).Should().BeTrue();
        TensorAssert.Identical(cache[HookNames.ResidPre(0)], cache[HookNames.Embed]).Should().BeTrue();
        TensorAssert.Identical(cache[HookNames.FinalNorm], hooked.LastHiddenState).Should().BeTrue();

        // The last residual stream through the final norm and the tied/untied head gives the logits.
        var pattern = cache[HookNames.AttentionPattern(1)];
        pattern.shape.Should().Equal(2, 4, 4, 4);
        (pattern.sum(-1) - 1).abs().max().item<float>().Should().BeLessThan(1e-5f);
        pattern[.., .., 0, 1].abs().max().item<float>().Should().Be(0f, "a query never sees later keys");
        cache[HookNames.Layer(1).MlpPre].shape.Should().Equal(2, 4, model.Config.IntermediateSize);
    }

    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public void ScoreInterventionMatchesHandComputation(string arch)
    {
        using var model = LanguageModelFactory.Create(TestModels.ByName(arch));
        model.eval();
        using var ids = Ids();
        var names = HookNames.Layer(1);
        int head = 2, query = 3, key = 1;
        // Mask one key for one head and query, and add 0.7 to another score of the same row.
        var hooks = new ActivationHooks()
            .Add(names.AttentionScores, (s, _) =>
            {
                var edited = s.clone();
                edited[.., head, query, key] = float.NegativeInfinity;
                edited[.., head, query, 0] += 0.7f;
                return edited;
            })
            .Capture(names.Query, names.Key, names.Value, names.HeadOutputs);
        model.call(new CausalLMInput(ids) { Hooks = hooks });
        using var cache = hooks.Cache;

        int groups = model.Config.NumHeads / model.Config.NumKeyValueHeads;
        var q = cache[names.Query][.., head, query];                   // [batch, d]
        var k = cache[names.Key][.., head / groups, ..(query + 1)];    // [batch, keys, d]
        var v = cache[names.Value][.., head / groups, ..(query + 1)];
        var scores = (k.matmul(q.unsqueeze(-1)).squeeze(-1) / Math.Sqrt(q.shape[^1])).clone();
        scores[.., key] = float.NegativeInfinity;
        scores[.., 0] += 0.7f;
        var expected = F.softmax(scores, -1).unsqueeze(1).matmul(v).squeeze(1);
        var actual = cache[names.HeadOutputs][.., query, head];
        (actual - expected).abs().max().item<float>().Should().BeLessThan(1e-5f);

        // Untouched rows equal the unhooked forward.
        var clean = new ActivationHooks().Capture(names.HeadOutputs);
        model.call(new CausalLMInput(ids) { Hooks = clean });
        using var cleanCache = clean.Cache;
        TensorAssert.MaxAbsDiff(cleanCache[names.HeadOutputs][.., query - 1], cache[names.HeadOutputs][.., query - 1]).Should().BeLessThan(1e-6);
        (cleanCache[names.HeadOutputs][.., query, head] - actual).abs().max().item<float>().Should().BeGreaterThan(1e-4f);
    }

    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public void PatternIsDifferentiable(string arch)
    {
        using var model = LanguageModelFactory.Create(TestModels.ByName(arch));
        model.eval();
        using var ids = Ids();
        var hooks = new ActivationHooks().Capture(n => n == HookNames.AttentionPattern(0), detach: false);
        var output = model.call(new CausalLMInput(ids) { Hooks = hooks });
        using var cache = hooks.Cache;
        var pattern = cache[HookNames.AttentionPattern(0)];
        var grad = autograd.grad([output.Logits![.., -1, 3].sum()], [pattern])[0];
        grad.abs().sum().item<float>().Should().BeGreaterThan(0f);
    }
}
