using FluentAssertions;
using MLNetTemporal.Checkpoints;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.LanguageModels.Hooks;
using MLNetTemporal.Probing;
using MLNetTemporal.Tests.Catalog;
using MLNetTemporal.Tests.TestSupport;
using Xunit;
using static TorchSharp.torch;
using MLNetTemporal.Studies.Probing;

namespace MLNetTemporal.Tests.Probing;

public class ActivationCaptureTests
{
    private static readonly string[] Entities = ["Paris", "the Great Fire of London", "Ada Lovelace", "x", "New York City Marathon"];

    /// <summary>The residual stream of one prompt, run alone (no padding), at every layer: [layer][position][hidden].</summary>
    private static float[][][] Unbatched(LanguageModel model, int[] ids)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var names = Enumerable.Range(0, model.Config.NumLayers).Select(HookNames.ResidPost).ToArray();
        var hooks = new ActivationHooks().Capture(names);
        model.Module.call(new CausalLMInput(tensor(ids.Select(i => (long)i).ToArray(), [1, ids.Length])) { Hooks = hooks });
        using var cache = hooks.Cache;
        return names.Select(n => Enumerable.Range(0, ids.Length).Select(t => cache[n][0, t].data<float>().ToArray()).ToArray()).ToArray();
    }

    [FixtureTheory(CatalogData.Fixture)]
    [InlineData(ProbePooling.EntityLastToken)]
    [InlineData(ProbePooling.SequenceLastToken)]
    [InlineData(ProbePooling.EntityMean)]
    public void BatchedCaptureEqualsEachPromptsOwnForward(ProbePooling pooling)
    {
        using var model = CatalogData.LoadModel();
        var prompt = ProbePrompt.Descriptive("When was {entity} founded?");
        var capture = new ActivationCapture(model, prompt, pooling);
        var layers = Enumerable.Range(0, model.Config.NumLayers).ToArray();
        var captured = capture.Run(Entities, ActivationCapture.ResidualPoints(layers), batchSize: 2);
        for (int e = 0; e < Entities.Length; e++)
        {
            var encoded = prompt.Encode(model, Entities[e], 128);
            var own = Unbatched(model, encoded.Ids);
            var (from, to) = pooling switch
            {
                ProbePooling.EntityLastToken => (encoded.EntityEnd - 1, encoded.EntityEnd),
                ProbePooling.SequenceLastToken => (encoded.Ids.Length - 1, encoded.Ids.Length),
                _ => (encoded.EntityStart, encoded.EntityEnd),
            };
            foreach (var l in layers)
            {
                var expected = Enumerable.Range(0, own[l][0].Length).Select(j => Enumerable.Range(from, to - from).Average(t => own[l][t][j])).ToArray();
                captured[l][e].Select(v => (double)v).Should().Equal(expected, (a, b) => Math.Abs(a - b) < 1e-4, $"entity {e}, layer {l}");
            }
        }
    }

    [FixtureFact(CatalogData.Fixture)]
    public void LastLayerThroughTheFinalNormAndHeadGivesTheModelsLogits()
    {
        using var model = CatalogData.LoadModel();
        int last = model.Config.NumLayers - 1;
        var capture = new ActivationCapture(model, ProbePrompt.Empty, ProbePooling.SequenceLastToken);
        var vectors = capture.Run(Entities, [HookNames.ResidPost(last)], batchSize: 8)[0];
        var weights = model.Module.NamedTensors();
        using var _ = no_grad();
        for (int e = 0; e < Entities.Length; e++)
        {
            using var scope = NewDisposeScope();
            var ids = ProbePrompt.Empty.Encode(model, Entities[e], 128).Ids;
            var logits = model.Module.call(new CausalLMInput(tensor(ids.Select(i => (long)i).ToArray(), [1, ids.Length]))).Logits![0, -1];
            var h = tensor(vectors[e]);
            var normed = nn.functional.layer_norm(h, [h.shape[0]], weights["transformer.ln_f.weight"], weights["transformer.ln_f.bias"], model.Config.NormEpsilon);
            var rebuilt = weights["transformer.wte.weight"].matmul(normed);
            TensorAssert.MaxAbsDiff(rebuilt, logits).Should().BeLessThan(1e-4);
        }
    }

    [FixtureFact(CatalogData.Fixture)]
    public void EntityMaskPicksTheEntitysTokensWithAndWithoutPrompts()
    {
        using var model = CatalogData.LoadModel();
        var tokenizer = model.Tokenizer;
        string Decode(EncodedPrompt p) => tokenizer.Decode(p.Ids[p.EntityStart..p.EntityEnd]);

        var empty = ProbePrompt.Empty.Encode(model, "Ada Lovelace", 128);
        empty.Ids[0].Should().Be(model.StartTokenId);
        (empty.EntityStart, empty.EntityEnd).Should().Be((1, empty.Ids.Length));
        Decode(empty).Should().Be("Ada Lovelace");

        var prefix = ProbePrompt.Descriptive("When was the release date of ").Encode(model, "Ada Lovelace", 128);
        tokenizer.Decode(prefix.Ids[1..prefix.EntityStart]).Trim().Should().Be("When was the release date of");
        Decode(prefix).Trim().Should().Be("Ada Lovelace");
        prefix.EntityEnd.Should().Be(prefix.Ids.Length);

        var around = ProbePrompt.Descriptive("Where is {entity} on the map?").Encode(model, "Ada Lovelace", 128);
        Decode(around).Trim().Should().Be("Ada Lovelace");
        tokenizer.Decode(around.Ids[around.EntityEnd..]).Should().Be(" on the map?");
        around.EntityEnd.Should().BeLessThan(around.Ids.Length, "the entity's last token is not the sequence's");

        var random = ProbePrompt.RandomTokenPrefix(seed: 7).Encode(model, "Ada Lovelace", 128);
        random.EntityStart.Should().Be(11, "the start token and 10 random ids come first");
        Decode(random).Should().Be("Ada Lovelace");
        ProbePrompt.RandomTokenPrefix(seed: 7).Encode(model, "Paris", 128).Ids[..11].Should().Equal(random.Ids[..11], "every entity shares the seeded prefix");
        ProbePrompt.RandomTokenPrefix(seed: 8).Encode(model, "Ada Lovelace", 128).Ids[1..11].Should().NotEqual(random.Ids[1..11]);

        var caps = ProbePrompt.AllCaps.Encode(model, "Ada Lovelace", 128);
        Decode(caps).Should().Be("ADA LOVELACE");
    }

    [FixtureFact(CatalogData.Fixture)]
    public void RejectsBadOptions()
    {
        using var model = CatalogData.LoadModel();
        FluentActions.Invoking(() => new ActivationCapture(model, ProbePrompt.Descriptive(""))).Should().Throw<ArgumentException>().WithMessage("*Template*");
        FluentActions.Invoking(() => LayerSelection.Parse("7", model.Config.NumLayers)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Layers*layer 7 is out of range*");
        LayerSelection.Parse("0,2-3,-1", 5).Should().Equal(0, 2, 3, 4);
        LayerSelection.Parse("all", 3).Should().Equal(0, 1, 2);
    }
}
