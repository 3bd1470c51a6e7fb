using MLNetTemporal.LanguageModels.Hooks;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MLNetTemporal.Anchors;

/// <summary>
/// Saliency of attention interactions: I_l(i, j) = |Σ_h A_h(i, j) · ∂L/∂A_h(i, j)| for every layer, L the
/// cross-entropy of the true class over the label words at the target. A is multiplied by a tensor of ones that
/// requires grad, so its gradient is exactly A ⊙ ∂L/∂A; the weights get no gradients.
/// </summary>
public static class AttentionSaliency
{
    /// <summary>One matrix [positions, positions] (float64, CPU) per layer for the whole prompt; diagonal zeroed.</summary>
    /// <param name="classifier">Model and demonstrations.</param>
    /// <param name="query">The query's tokens (<see cref="InContextPrompt.EncodeQuery"/>).</param>
    /// <param name="label">The true class.</param>
    /// <param name="perHead">Keep heads apart ([heads, positions, positions], no absolute value, diagonal kept): A ⊙ ∂L/∂A itself.</param>
    public static Tensor[] Compute(InContextClassifier classifier, long[] query, int label, bool perHead = false)
    {
        int layers = classifier.Model.Config.NumLayers;
        var probes = new Tensor?[layers];
        var hooks = new ActivationHooks();
        for (int l = 0; l < layers; l++)
        {
            int layer = l;
            hooks.Add(HookNames.AttentionPattern(l), (pattern, _) =>
            {
                probes[layer] = ones_like(pattern).requires_grad_(true);
                return pattern * probes[layer]!;
            });
        }
        using var scope = NewDisposeScope();
        using var grad = enable_grad();
        var batch = classifier.Collate([query], classifier.Prompt.ContextIds);
        var logits = classifier.ClassLogits(classifier.TargetLogits(batch, null, hooks));
        var loss = F.cross_entropy(logits, tensor(new long[] { label }, device: logits.device));
        var grads = autograd.grad([loss], probes.Select(p => p!).ToArray());
        var result = grads.Select(g =>
        {
            var x = g[0].detach().to(ScalarType.Float64).cpu();
            if (perHead) return x;
            var m = x.sum(dim: 0).abs();
            return m * (1 - eye(m.shape[0], dtype: m.dtype));
        }).ToArray();
        foreach (var r in result) r.MoveToOuterDisposeScope();
        return result;
    }
}
