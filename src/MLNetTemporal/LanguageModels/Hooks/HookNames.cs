namespace MLNetTemporal.LanguageModels.Hooks;

/// <summary>
/// Stable names of every hook point, in TransformerLens' scheme, so that a name means the same activation in a
/// GPT-2 and in a Llama model.
/// </summary>
public static class HookNames
{
    /// <summary>Token (plus learned position) embeddings, the input of block 0.</summary>
    public const string Embed = "hook_embed";

    /// <summary>The final norm's output, the input of the LM head.</summary>
    public const string FinalNorm = "ln_final.hook_normalized";

    private static readonly List<LayerHookNames> Cache = [];

    /// <summary>The names of one block's hook points (built once per layer and reused).</summary>
    public static LayerHookNames Layer(int layer)
    {
        lock (Cache)
        {
            while (Cache.Count <= layer) Cache.Add(new LayerHookNames(Cache.Count));
            return Cache[layer];
        }
    }

    public static string ResidPre(int layer) => Layer(layer).ResidPre;
    public static string ResidMid(int layer) => Layer(layer).ResidMid;
    public static string ResidPost(int layer) => Layer(layer).ResidPost;
    public static string AttentionScores(int layer) => Layer(layer).AttentionScores;
    public static string AttentionPattern(int layer) => Layer(layer).AttentionPattern;
    public static string MlpPre(int layer) => Layer(layer).MlpPre;
    public static string MlpPost(int layer) => Layer(layer).MlpPost;

    /// <summary>Parses <c>blocks.{i}.…</c> names back to the layer index; -1 for model-level names.</summary>
    public static int LayerOf(string name)
    {
        if (!name.StartsWith("blocks.", StringComparison.Ordinal)) return -1;
        var end = name.IndexOf('.', 7);
        return int.Parse(name.AsSpan(7, end - 7));
    }
}

/// <summary>Hook point names of block <see cref="Index"/>.</summary>
public sealed class LayerHookNames
{
    internal LayerHookNames(int index)
    {
        Index = index;
        var p = $"blocks.{index}.";
        ResidPre = p + "hook_resid_pre";
        ResidMid = p + "hook_resid_mid";
        ResidPost = p + "hook_resid_post";
        Query = p + "attn.hook_q";
        Key = p + "attn.hook_k";
        Value = p + "attn.hook_v";
        AttentionScores = p + "attn.hook_attn_scores";
        AttentionPattern = p + "attn.hook_pattern";
        HeadOutputs = p + "attn.hook_z";
        AttentionOutput = p + "hook_attn_out";
        MlpPre = p + "mlp.hook_pre";
        MlpPreLinear = p + "mlp.hook_pre_linear";
        MlpPost = p + "mlp.hook_post";
        MlpOutput = p + "hook_mlp_out";
    }

    public int Index { get; }
    /// <summary>Residual stream entering the block, [batch, seq, hidden].</summary>
    public string ResidPre { get; }
    /// <summary>Residual stream after the attention sub-layer.</summary>
    public string ResidMid { get; }
    /// <summary>Residual stream leaving the block (Hugging Face's <c>hidden_states[i + 1]</c>, before the final norm).</summary>
    public string ResidPost { get; }
    /// <summary>Queries per head after rotary embedding, [batch, heads, seq, head_dim].</summary>
    public string Query { get; }
    /// <summary>Keys per key/value head after rotary embedding, including cached positions, [batch, kv_heads, keys, head_dim].</summary>
    public string Key { get; }
    public string Value { get; }
    /// <summary>Scaled, masked pre-softmax scores [batch, heads, queries, keys]; a hook may add, scale or mask them.</summary>
    public string AttentionScores { get; }
    /// <summary>Post-softmax attention probabilities [batch, heads, queries, keys]; differentiable; a hook may re-weight them.</summary>
    public string AttentionPattern { get; }
    /// <summary>Per-head attention outputs before the output projection, [batch, seq, heads, head_dim].</summary>
    public string HeadOutputs { get; }
    public string AttentionOutput { get; }
    /// <summary>MLP pre-activation: GPT-2's <c>c_fc</c> output, Llama's <c>gate_proj</c> output, [batch, seq, intermediate].</summary>
    public string MlpPre { get; }
    /// <summary>Llama's <c>up_proj</c> output (the linear branch of SwiGLU).</summary>
    public string MlpPreLinear { get; }
    /// <summary>MLP activation fed to the down projection.</summary>
    public string MlpPost { get; }
    public string MlpOutput { get; }
}
