using System.Text.Json.Nodes;
using static MLNetTemporal.LanguageModels.ConfigJson;

namespace MLNetTemporal.LanguageModels.Gpt2;

/// <summary>GPT-2's <c>config.json</c> keys (<c>n_embd</c>, <c>n_layer</c>, …, with Hugging Face's defaults) and module.</summary>
internal sealed class Gpt2Architecture : LanguageModelArchitecture
{
    public override LanguageModelConfig ReadConfig(JsonObject json) => new()
    {
        ModelType = "gpt2",
        VocabSize = Int(json, "vocab_size") ?? 50257,
        HiddenSize = Int(json, "n_embd") ?? 768,
        NumLayers = Int(json, "n_layer") ?? 12,
        NumHeads = Int(json, "n_head") ?? 12,
        NumKeyValueHeads = Int(json, "n_head") ?? 12,
        IntermediateSize = Int(json, "n_inner") ?? 4 * (Int(json, "n_embd") ?? 768),
        MaxPositions = Int(json, "n_positions") ?? 1024,
        NormEpsilon = Double(json, "layer_norm_epsilon") ?? 1e-5,
        TieWordEmbeddings = Bool(json, "tie_word_embeddings") ?? true,
        QkvBias = true,
        OutputBias = true,
        MlpBias = true,
        Activation = String(json, "activation_function") ?? "gelu_new",
        EmbeddingDropout = Double(json, "embd_pdrop") ?? 0.1,
        ResidualDropout = Double(json, "resid_pdrop") ?? 0.1,
        AttentionDropout = Double(json, "attn_pdrop") ?? 0.1,
        InitializerRange = Double(json, "initializer_range") ?? 0.02,
        BosTokenId = Int(json, "bos_token_id"),
        EosTokenId = Int(json, "eos_token_id"),
        PadTokenId = Int(json, "pad_token_id"),
        Source = json,
    };

    public override void WriteConfig(LanguageModelConfig config, JsonObject json)
    {
        json["architectures"] = new JsonArray("GPT2LMHeadModel");
        json["n_embd"] = config.HiddenSize;
        json["n_layer"] = config.NumLayers;
        json["n_head"] = config.NumHeads;
        json["n_inner"] = config.IntermediateSize;
        json["n_positions"] = config.MaxPositions;
        json["n_ctx"] = config.MaxPositions;
        json["layer_norm_epsilon"] = config.NormEpsilon;
        json["activation_function"] = config.Activation;
        json["embd_pdrop"] = config.EmbeddingDropout;
        json["resid_pdrop"] = config.ResidualDropout;
        json["attn_pdrop"] = config.AttentionDropout;
    }

    public override CausalLanguageModel CreateModule(LanguageModelConfig config) => new Gpt2LMHeadModel(config);
}
