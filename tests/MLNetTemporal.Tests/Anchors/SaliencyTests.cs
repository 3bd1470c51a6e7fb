using FluentAssertions;
using Xunit;
using MLNetTemporal.Anchors;
using MLNetTemporal.LanguageModels.Hooks;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;
using MLNetTemporal.Studies.Anchors;

namespace MLNetTemporal.Tests.Anchors;

public class SaliencyTests
{
    [Fact]
    public void Saliency_equals_attention_times_the_finite_difference_gradient()
    {
        using var model = AnchorTestModel.Create(float64: true);
        var classifier = AnchorTestModel.Classifier(model);
        var query = classifier.Prompt.EncodeQuery(AnchorTestModel.Test[0].Text);
        int label = AnchorTestModel.Test[0].Class;
        var perHead = AttentionSaliency.Compute(classifier, query, label, perHead: true);
        perHead.Should().HaveCount(2);

        long target = classifier.Prompt.ContextIds.Length + query.Length - 1;
        long labelPosition = classifier.Prompt.LabelPositions[1];
        double Loss(int layer, int head, long i, long j, double eps)
        {
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            var hooks = new ActivationHooks().Add(HookNames.AttentionPattern(layer), (a, _) =>
            {
                var bump = zeros_like(a);
                bump[0, head, i, j] = tensor(eps, dtype: ScalarType.Float64);
                return a + bump;
            });
            var batch = classifier.Collate([query], classifier.Prompt.ContextIds);
            var logits = classifier.ClassLogits(classifier.TargetLogits(batch, null, hooks));
            return F.cross_entropy(logits, tensor(new long[] { label })).item<double>();
        }
        double Attention(int layer, int head, long i, long j)
        {
            using var _ = no_grad();
            var hooks = new ActivationHooks().Capture(HookNames.AttentionPattern(layer));
            using var cache = hooks.Cache;
            classifier.TargetLogits(classifier.Collate([query], classifier.Prompt.ContextIds), null, hooks);
            return cache[HookNames.AttentionPattern(layer)][0, head, i, j].item<double>();
        }

        foreach (var (layer, head, i, j) in new[] { (0, 1, target, labelPosition), (1, 3, target, 0L), (0, 2, labelPosition, labelPosition - 2), (1, 0, target, target - 1) })
        {
            const double eps = 1e-6;
            double numeric = Attention(layer, head, i, j) * (Loss(layer, head, i, j, eps) - Loss(layer, head, i, j, -eps)) / (2 * eps);
            double analytic = perHead[layer][head, i, j].item<double>();
            analytic.Should().BeApproximately(numeric, 1e-6 + 1e-4 * Math.Abs(numeric), $"layer {layer} head {head} ({i}, {j})");
            Math.Abs(numeric).Should().BeGreaterThan(1e-9, "the test needs elements whose saliency is not zero");
        }

        var summed = AttentionSaliency.Compute(classifier, query, label);
        var expected = perHead[1].sum(dim: 0).abs() * (1 - eye(perHead[1].shape[1], dtype: ScalarType.Float64));
        summed[1].allclose(expected, rtol: 0, atol: 1e-15).Should().BeTrue();
    }

    [Fact]
    public void The_three_sums_follow_their_definitions_on_a_six_token_example()
    {
        // I(i, j) = 10 i + j below the diagonal; the diagonal and above hold 1000 and must be ignored.
        var values = new double[36];
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 6; j++)
                values[i * 6 + j] = j < i ? 10 * i + j : 1000;
        using var saliency = tensor(values, [6, 6]);
        var sums = SaliencySums.Compute(saliency, [2, 4], target: 5);

        // S_wp: rows 2 and 4 over the keys before them, (20 + 21 + 40 + 41 + 42 + 43) / (2 + 4).
        sums.WordsToLabels.Should().BeApproximately(207.0 / 6, 1e-12);
        // S_pq: I(5, 2) and I(5, 4), over C = 2.
        sums.LabelsToTarget.Should().BeApproximately((52 + 54) / 2.0, 1e-12);
        // S_ww: all 15 lower pairs sum to 570; the rest is 570 - 207 - 106 over 15 - 6 - 2 pairs.
        sums.WordsToWords.Should().BeApproximately(257.0 / 7, 1e-12);
        var normalised = sums.Normalised();
        (normalised.WordsToLabels + normalised.LabelsToTarget + normalised.WordsToWords).Should().BeApproximately(1, 1e-12);
    }
}
