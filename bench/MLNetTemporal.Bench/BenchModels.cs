using MLNetTemporal.LanguageModels;
using MLNetTemporal.Studies.Pretraining;

namespace MLNetTemporal.Bench;

/// <summary>The benchmarked shapes and the model-FLOPs count.</summary>
internal static class BenchModels
{
    /// <summary>GPT-2 architecture at the "small" preset's shape and vocabulary size.</summary>
    public static LanguageModelConfig Gpt2Small => DefaultModel.Config("gpt2", ModelPreset.Small, ModelPreset.Small.VocabSize);

    /// <summary>GPT-2 architecture at the "tiny" preset's shape and vocabulary size.</summary>
    public static LanguageModelConfig Gpt2Tiny => DefaultModel.Config("gpt2", ModelPreset.Tiny, ModelPreset.Tiny.VocabSize);

    /// <summary>
    /// Llama architecture of about the small preset's size: 6 layers, hidden 256, 8 query / 4 key-value heads,
    /// SwiGLU MLP 688 (~8/3 hidden, so three matrices cost about what GPT-2's two 4x matrices cost), vocab 8192, tied.
    /// </summary>
    public static LanguageModelConfig LlamaSmall => new()
    {
        ModelType = "llama",
        VocabSize = 8192,
        HiddenSize = 256,
        NumLayers = 6,
        NumHeads = 8,
        NumKeyValueHeads = 4,
        IntermediateSize = 688,
        MaxPositions = 512,
        TieWordEmbeddings = true,
        Activation = "silu",
        NormEpsilon = 1e-6,
    };

    public static bool IsEmbedding(string parameterName) =>
        parameterName.EndsWith("wte.weight", StringComparison.Ordinal) ||
        parameterName.EndsWith("wpe.weight", StringComparison.Ordinal) ||
        parameterName.EndsWith("embed_tokens.weight", StringComparison.Ordinal) ||
        parameterName == "lm_head.weight"; // counted separately as the LM-head matmul

    public static (long Total, long NonEmbedding) ParameterCounts(CausalLanguageModel model)
    {
        long total = 0, nonEmbedding = 0;
        foreach (var (name, p) in model.named_parameters())
        {
            total += p.numel();
            if (!IsEmbedding(name)) nonEmbedding += p.numel();
        }
        return (total, nonEmbedding);
    }

    /// <summary>
    /// Forward FLOPs of one batch: 2 N_nonemb T (every weight multiply-add) + 4 L S d_attn T (QK^T and AV, full square,
    /// as in Kaplan et al. / PaLM, no causal discount) + 2 d V T (LM head).
    /// </summary>
    public static double ForwardFlops(LanguageModelConfig c, long nonEmbeddingParams, long batch, long seq)
    {
        double tokens = batch * seq;
        double attnWidth = (double)c.NumHeads * c.HeadDim;
        return 2.0 * nonEmbeddingParams * tokens
             + 4.0 * c.NumLayers * seq * attnWidth * tokens
             + 2.0 * c.HiddenSize * c.VocabSize * tokens;
    }

    public const string FlopsFormula =
        "forward FLOPs = 2·N_nonemb·T + 4·L·S·d_attn·T + 2·d·V·T (T = batch·seq tokens, N_nonemb = parameters without " +
        "token/position embeddings, attention counted over the full S×S square, LM head = tied embedding matmul); " +
        "training step = 3 × forward; MFU = (FLOPs / median seconds) / measured fp32 matmul peak.";
}
