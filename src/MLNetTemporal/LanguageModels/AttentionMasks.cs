using static TorchSharp.torch;

namespace MLNetTemporal.LanguageModels;

/// <summary>Builds the additive attention bias for causal attention over cached plus new positions.</summary>
internal static class AttentionMasks
{
    /// <summary>
    /// Returns null when the fused kernel's own causal flag is enough (no padding, no cache), else a
    /// [batch, 1, seq, past + seq] tensor of 0 (visible) and the dtype's minimum (hidden). Cached entries are visible
    /// to every new token; new tokens see each other causally; padding (mask 0) is hidden.
    /// </summary>
    public static Tensor? Build(long batch, long seq, long past, Tensor? paddingMask, ScalarType dtype, Device device)
    {
        if (paddingMask is null && past == 0) return null;
        if (paddingMask is null && seq == 1) return null;
        long total = past + seq;
        if (paddingMask is not null && (paddingMask.dim() != 2 || paddingMask.shape[0] != batch || paddingMask.shape[1] != total))
            throw new ArgumentException($"AttentionMask must be [batch {batch}, past + seq {total}], got [{string.Join(", ", paddingMask.shape)}]");

        var min = dtype == ScalarType.Float16 ? -65504.0 : dtype == ScalarType.BFloat16 ? -3.38e38 : float.MinValue;
        using var newPositions = arange(seq, device: device).unsqueeze(1);
        using var keyPositions = arange(total, device: device).unsqueeze(0);
        using var causal = keyPositions.le(newPositions + past); // [seq, total]
        var visible = causal.unsqueeze(0).unsqueeze(0).expand(batch, 1, seq, total);
        if (paddingMask is not null)
        {
            using var keep = paddingMask.to(ScalarType.Bool).unsqueeze(1).unsqueeze(1);
            visible = visible.logical_and(keep);
        }
        using (visible)
        using (var zero = zeros(1, dtype: dtype, device: device))
        using (var hidden = full(1, min, dtype: dtype, device: device))
            return where(visible, zero, hidden);
    }
}
