using FluentAssertions;
using MLNetTemporal.Anchors;
using MLNetTemporal.LanguageModels.Hooks;
using Xunit;
using static TorchSharp.torch;
using MLNetTemporal.Studies.Anchors;

namespace MLNetTemporal.Tests.Anchors;

public class InContextClassifierTests
{
    private static Tensor Logits(InContextClassifier classifier, long[][] queries, long[]? prefix, MLNetTemporal.LanguageModels.KeyValueCache? cache, Func<QueryBatch, ActivationHooks?>? hooks = null)
    {
        using var _ = no_grad();
        var batch = classifier.Collate(queries, prefix);
        return classifier.TargetLogits(batch, cache, hooks?.Invoke(batch));
    }

    [Fact]
    public void Anchor_positions_are_the_start_token_template_separators_and_label_words()
    {
        using var model = AnchorTestModel.Create();
        var prompt = AnchorTestModel.Classifier(model).Prompt;
        var decoded = string.Concat(prompt.AnchorPositions.Skip(1).Select(p => model.Tokenizer.Decode([(int)prompt.ContextIds[p]])));
        var demos = AnchorTestModel.Demonstrations();
        var labels = demos.Select(d => d.Class == 1 ? " positive" : " negative").ToArray();
        decoded.Should().Be($"Review: Sentiment:{labels[0]} Review: Sentiment:{labels[1]}");
        prompt.LabelPositions.Select(p => prompt.ContextIds[p]).Should().Equal(demos.Select(d => (long)prompt.LabelTokens[d.Class]));
    }

    [Fact]
    public void Cached_and_compressed_contexts_that_keep_every_position_give_the_full_prompt_outputs()
    {
        using var model = AnchorTestModel.Create();
        var classifier = AnchorTestModel.Classifier(model);
        var queries = AnchorTestModel.Test.Select(t => classifier.Prompt.EncodeQuery(t.Text)).ToArray();
        using var full = classifier.EncodeContext();
        using var all = full.Select(Enumerable.Range(0, (int)full.Length).Select(i => (long)i).ToArray());
        using var text = Logits(classifier, queries, classifier.Prompt.ContextIds, null);
        using var kept = Logits(classifier, queries, null, all);
        kept.allclose(text, rtol: 0, atol: 1e-5).Should().BeTrue();
        // Each row alone, unpadded, as one sequence: the batching and padding change nothing either.
        for (int i = 0; i < queries.Length; i++)
        {
            using var one = Logits(classifier, [queries[i]], classifier.Prompt.ContextIds, null);
            one[0].allclose(text[i], rtol: 0, atol: 1e-5).Should().BeTrue();
        }
        // Pruning to the anchors changes the outputs (the test would pass vacuously otherwise).
        using var anchors = full.Select(classifier.Prompt.AnchorPositions);
        anchors.NextPosition.Should().Be(classifier.Prompt.ContextIds.Length);
        using var pruned = Logits(classifier, queries, null, anchors);
        pruned.allclose(text, rtol: 0, atol: 1e-3).Should().BeFalse();
    }

    [Fact]
    public void Reweighting_with_w_zero_gives_the_vanilla_outputs()
    {
        using var model = AnchorTestModel.Create();
        var classifier = AnchorTestModel.Classifier(model);
        var queries = AnchorTestModel.Test.Select(t => classifier.Prompt.EncodeQuery(t.Text)).ToArray();
        using var context = classifier.EncodeContext();
        using var weights = new AnchorWeights(2, 4, classifier.Prompt.LabelPositions.Length);
        var labelColumns = classifier.Prompt.LabelPositions;
        using var reweighted = Logits(classifier, queries, null, context, b => weights.Hooks(b.Targets, labelColumns));
        // Bit for bit against the same explicit attention path, and within float noise of the fused kernel.
        using var identity = Logits(classifier, queries, null, context, _ => new ActivationHooks().Add(HookNames.AttentionPattern(0), (a, _) => a).Add(HookNames.AttentionPattern(1), (a, _) => a));
        (reweighted - identity).abs().max().item<float>().Should().Be(0);
        using var vanilla = Logits(classifier, queries, null, context);
        reweighted.allclose(vanilla, rtol: 0, atol: 1e-5).Should().BeTrue();

        using (no_grad()) weights.Layers[1][2, 0].fill_(1.5);
        using var moved = Logits(classifier, queries, null, context, b => weights.Hooks(b.Targets, labelColumns));
        moved.allclose(vanilla, rtol: 0, atol: 1e-4).Should().BeFalse();
    }

    [Fact]
    public void Reweighting_multiplies_only_the_target_rows_attention_to_label_words()
    {
        using var model = AnchorTestModel.Create();
        var classifier = AnchorTestModel.Classifier(model);
        var query = classifier.Prompt.EncodeQuery(AnchorTestModel.Test[0].Text);
        using var context = classifier.EncodeContext();
        using var weights = new AnchorWeights(2, 4, 2);
        using (no_grad()) weights.Layers[0][1, 1].fill_(Math.Log(3.0));
        var name = HookNames.AttentionPattern(0);
        Tensor Pattern(AnchorWeights? w)
        {
            using var _ = no_grad();
            var batch = classifier.Collate([query]);
            var hooks = w?.Hooks(batch.Targets, classifier.Prompt.LabelPositions) ?? new ActivationHooks().Add(name, (a, _) => a);
            hooks.Capture(name);
            classifier.TargetLogits(batch, context, hooks);
            return hooks.Cache.Take(name);
        }
        // The capture sees the hook's output; same hooks order as registered.
        using var before = Pattern(null);
        using var after = Pattern(weights);
        long row = query.Length - 1, column = classifier.Prompt.LabelPositions[1];
        after[0, 1, row, column].item<float>().Should().BeApproximately(3 * before[0, 1, row, column].item<float>(), 1e-6f);
        after[0, 1, row, column] = before[0, 1, row, column];
        after.allclose(before, rtol: 0, atol: 1e-7).Should().BeTrue("nothing else is re-weighted and rows are not renormalised");
    }

    [Fact]
    public void Reweighting_training_lowers_the_loss_on_its_examples()
    {
        using var model = AnchorTestModel.Create();
        var classifier = AnchorTestModel.Classifier(model);
        var examples = AnchorTestModel.Rows.Skip(10).Take(6).Select(r => new Demonstration(r.Text, r.Label == "positive" ? 1 : 0)).ToArray();
        var (weights, result) = AnchorReweighting.Train(classifier, examples, new AnchorReweightingSettings { Epochs = 8, LearningRate = 0.05 });
        using var _ = weights;
        result.Steps.Should().Be(48);
        result.History.Take(6).Average(h => h.Loss).Should().BeGreaterThan(result.History.TakeLast(6).Average(h => h.Loss));
        model.Module.parameters().All(p => p.requires_grad && p.grad is null).Should().BeTrue("the model is frozen during training and restored after");
    }
}
