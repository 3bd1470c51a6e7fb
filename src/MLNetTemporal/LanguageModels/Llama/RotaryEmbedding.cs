using static TorchSharp.torch;

namespace MLNetTemporal.LanguageModels.Llama;

/// <summary>
/// Rotary position embedding in Hugging Face's half-split layout (<c>rotate_half</c>). The inverse frequencies are
/// derived from the config, not stored, as in recent transformers checkpoints.
/// </summary>
internal static class RotaryEmbedding
{
    /// <summary>cos and sin tables [batch, seq, head_dim] for the given positions.</summary>
    public static (Tensor Cos, Tensor Sin) Tables(Tensor positionIds, int headDim, double theta, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var exponents = arange(0, headDim, 2, dtype: ScalarType.Float64, device: positionIds.device) / headDim;
        var invFreq = pow(theta, exponents).reciprocal().to(ScalarType.Float32);
        var freqs = positionIds.to(ScalarType.Float32).unsqueeze(-1) * invFreq;
        var emb = cat([freqs, freqs], -1);
        return (emb.cos().to(dtype).MoveToOuterDisposeScope(), emb.sin().to(dtype).MoveToOuterDisposeScope());
    }

    /// <summary>x [batch, heads, seq, head_dim]; cos/sin [batch, seq, head_dim].</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        long half = x.shape[^1] / 2;
        var rotated = cat([x.narrow(-1, half, half).neg(), x.narrow(-1, 0, half)], -1);
        return x * cos.unsqueeze(1) + rotated * sin.unsqueeze(1);
    }
}
