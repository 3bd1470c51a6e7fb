using MLNetTemporal.LanguageModels.Hooks;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MLNetTemporal.LanguageModels;

/// <summary>
/// Scaled dot-product attention shared by every architecture. Without score or pattern hooks it calls the fused
/// kernel; with them it materialises scores and probabilities so hooks can read, edit and differentiate them. A new
/// architecture's attention calls <see cref="WithPast"/> then <see cref="Attend"/>, so caching and the score and
/// pattern hooks work for it too.
/// </summary>
public static class AttentionCore
{
    /// <summary>q [batch, heads, seq, d]; k, v [batch, heads, keys, d] (already expanded for grouped queries).</summary>
    public static Tensor Attend(Tensor q, Tensor k, Tensor v, ForwardContext ctx, LayerHookNames names, double dropout)
    {
        // The fused kernel's dropout does not follow torch's seeded generator on CPU, so dropout takes the explicit path.
        if (dropout == 0 && (ctx.Hooks is null || !ctx.Hooks.NeedsExplicitAttention(names.Index)))
            return F.scaled_dot_product_attention(q, k, v, ctx.AttentionBias, 0, ctx.IsCausal);

        var scores = q.matmul(k.transpose(-2, -1)).mul_(1.0 / Math.Sqrt(q.shape[^1]));
        var hooks = ctx.Hooks;
        if (ctx.AttentionBias is not null)
            scores = scores.add_(ctx.AttentionBias);
        else if (ctx.IsCausal)
            scores = scores.add_(CausalBias(q.shape[2], k.shape[2], scores.dtype, scores.device));
        if (hooks is not null) scores = hooks.Run(names.AttentionScores, scores);
        var pattern = F.softmax(scores, -1);
        if (hooks is not null) pattern = hooks.Run(names.AttentionPattern, pattern);
        if (dropout > 0) pattern = F.dropout(pattern, dropout, training: true);
        return pattern.matmul(v);
    }

    private static Tensor CausalBias(long queries, long keys, ScalarType dtype, Device device)
    {
        using var upper = ones(queries, keys, dtype: ScalarType.Bool, device: device).triu(keys - queries + 1);
        using var zero = zeros(1, dtype: dtype, device: device);
        using var hidden = full(1, float.NegativeInfinity, dtype: dtype, device: device);
        return where(upper, hidden, zero);
    }

    /// <summary>Appends this call's keys/values to the cached ones and records them as the layer's present.</summary>
    public static (Tensor Keys, Tensor Values) WithPast(Tensor k, Tensor v, ForwardContext ctx, int layer)
    {
        if (ctx.Past is not null)
        {
            k = cat([ctx.Past.Keys(layer), k], 2);
            v = cat([ctx.Past.Values(layer), v], 2);
        }
        if (ctx.UseCache) ctx.Presents.Add((k, v));
        return (k, v);
    }

    /// <summary>Repeats key/value heads for grouped-query attention (head h uses kv head h / groups, as Hugging Face).</summary>
    public static Tensor RepeatKv(Tensor x, int groups) =>
        groups == 1 ? x : x.repeat_interleave(groups, dim: 1);
}
