using System.Text.RegularExpressions;

namespace MLNetTemporal.WeightSpace;

/// <summary>The parts of a transformer a tensor belongs to, by its Hugging Face name (GPT-2 and Llama families).</summary>
public enum TensorGroup
{
    Embeddings,
    Attention,
    Mlp,
    Norms,
    Other,
}

public static partial class TensorGroups
{
    public static TensorGroup Of(string name)
    {
        if (name.Contains("wte.", StringComparison.Ordinal) || name.Contains("wpe.", StringComparison.Ordinal) ||
            name.Contains("embed_tokens.", StringComparison.Ordinal) || name.StartsWith("lm_head.", StringComparison.Ordinal))
            return TensorGroup.Embeddings;
        // Norms first: Llama's post_attention_layernorm would otherwise read as attention.
        if (name.Contains("ln_", StringComparison.Ordinal) || name.Contains("norm", StringComparison.Ordinal))
            return TensorGroup.Norms;
        if (name.Contains(".attn.", StringComparison.Ordinal) || name.Contains(".self_attn.", StringComparison.Ordinal))
            return TensorGroup.Attention;
        if (name.Contains(".mlp.", StringComparison.Ordinal)) return TensorGroup.Mlp;
        return TensorGroup.Other;
    }

    /// <summary>The block index in "transformer.h.3.…" or "model.layers.3.…"; null outside the blocks.</summary>
    public static int? LayerOf(string name)
    {
        var m = LayerPattern().Match(name);
        return m.Success ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"(?:^|\.)(?:h|layers)\.(\d+)\.")]
    private static partial Regex LayerPattern();
}
