using FluentAssertions;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Tests.TestSupport;
using Xunit;
using static TorchSharp.torch;

namespace MLNetTemporal.Tests.LanguageModels;

public class KeyValueCacheTests
{
    [Theory]
    [MemberData(nameof(TestModels.Both), MemberType = typeof(TestModels))]
    public void CachedContinuationEqualsFullForward(string arch)
    {
        using var model = LanguageModelFactory.Create(TestModels.ByName(arch));
        model.eval();
        using var full = tensor(new long[] { 3, 8, 11, 2, 7, 30, 1 }, [1, 7]);
        var expected = model.call(new CausalLMInput(full)).Logits!;

        var prefix = model.call(new CausalLMInput(full[.., ..4]) { UseCache = true });
        using var cache = prefix.PresentKeyValues!;
        cache.Length.Should().Be(4);
        var rest = model.call(new CausalLMInput(full[.., 4..]) { PastKeyValues = cache, UseCache = true });
        (rest.Logits! - expected[.., 4..]).abs().max().item<float>().Should().BeLessThan(1e-5f);
        rest.PresentKeyValues!.NextPosition.Should().Be(7);
        cache.Length.Should().Be(4, "the cache passed in is never modified");

        // One cache, reused for a batch of different continuations.
        using var batched = cache.Repeat(2);
        using var next = tensor(new long[] { 7, 9 }, [2, 1]);
        var two = model.call(new CausalLMInput(next) { PastKeyValues = batched }).Logits!;
        (two[0] - expected[0, 4]).abs().max().item<float>().Should().BeLessThan(1e-5f);
    }

    [Fact]
    public void KeepingEveryEntryGivesTheSameOutputAndPruningChangesIt()
    {
        using var model = LanguageModelFactory.Create(TestModels.Llama());
        model.eval();
        using var ids = tensor(new long[] { 3, 8, 11, 2, 7 }, [1, 5]);
        using var cache = model.call(new CausalLMInput(ids) { UseCache = true }).PresentKeyValues!;
        using var next = tensor(new long[] { 9 }, [1, 1]);
        var reference = model.call(new CausalLMInput(next) { PastKeyValues = cache }).Logits!;
        using var all = cache.Select([0, 1, 2, 3, 4]);
        TensorAssert.Identical(model.call(new CausalLMInput(next) { PastKeyValues = all }).Logits!, reference).Should().BeTrue();
        using var pruned = cache.Select([0, 4]);
        pruned.NextPosition.Should().Be(5);
        (model.call(new CausalLMInput(next) { PastKeyValues = pruned }).Logits! - reference).abs().max().item<float>().Should().BeGreaterThan(1e-4f);
    }

    [Fact]
    public void PaddingMaskHidesPaddedKeys()
    {
        using var model = LanguageModelFactory.Create(TestModels.Gpt2());
        model.eval();
        using var alone = tensor(new long[] { 4, 5, 6 }, [1, 3]);
        var expected = model.call(new CausalLMInput(alone)).Logits!;
        // Left padding: two pad tokens, masked out, positions shifted so real tokens keep positions 0..2.
        using var padded = tensor(new long[] { 0, 0, 4, 5, 6 }, [1, 5]);
        using var mask = tensor(new long[] { 0, 0, 1, 1, 1 }, [1, 5]);
        using var positions = tensor(new long[] { 0, 0, 0, 1, 2 }, [1, 5]);
        var actual = model.call(new CausalLMInput(padded) { AttentionMask = mask, PositionIds = positions }).Logits!;
        (actual[.., 2..] - expected).abs().max().item<float>().Should().BeLessThan(1e-5f);
    }
}
