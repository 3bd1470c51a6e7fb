using System.Text.Json.Nodes;
using static MLNetTemporal.LanguageModels.ConfigJson;

namespace MLNetTemporal.LanguageModels.Llama;

/// <summary>
/// The Llama family's <c>config.json</c> keys and module, registered for llama, qwen2 and mistral; the model types
/// differ only in biases (Qwen2 always has q/k/v biases) and in the <c>architectures</c> name written back.
/// </summary>
internal sealed class LlamaArchitecture : LanguageModelArchitecture
{
    public override LanguageModelConfig ReadConfig(JsonObject json)
    {
        var type = String(json, "model_type")!;
        if (json["rope_scaling"] is JsonObject scaling)
            throw new NotSupportedException($"config.json: 'rope_scaling' ({scaling.ToJsonString()}) is not supported yet");
        return new LanguageModelConfig
        {
            ModelType = type,
            VocabSize = Int(json, "vocab_size") ?? 32000,
            HiddenSize = Int(json, "hidden_size") ?? 4096,
            NumLayers = Int(json, "num_hidden_layers") ?? 32,
            NumHeads = Int(json, "num_attention_heads") ?? 32,
            NumKeyValueHeads = Int(json, "num_key_value_heads") ?? Int(json, "num_attention_heads") ?? 32,
            IntermediateSize = Int(json, "intermediate_size") ?? 11008,
            MaxPositions = Int(json, "max_position_embeddings") ?? 2048,
            NormEpsilon = Double(json, "rms_norm_eps") ?? 1e-6,
            RopeTheta = Double(json, "rope_theta") ?? 10000,
            TieWordEmbeddings = Bool(json, "tie_word_embeddings") ?? false,
            QkvBias = type == "qwen2" || (Bool(json, "attention_bias") ?? false),
            OutputBias = type != "qwen2" && (Bool(json, "attention_bias") ?? false),
            MlpBias = Bool(json, "mlp_bias") ?? false,
            Activation = String(json, "hidden_act") ?? "silu",
            AttentionDropout = Double(json, "attention_dropout") ?? 0,
            InitializerRange = Double(json, "initializer_range") ?? 0.02,
            BosTokenId = Int(json, "bos_token_id"),
            EosTokenId = Int(json, "eos_token_id"),
            PadTokenId = Int(json, "pad_token_id"),
            HeadDimOverride = Int(json, "head_dim"),
            Source = json,
        };
    }

    public override void WriteConfig(LanguageModelConfig config, JsonObject json)
    {
        json["architectures"] = new JsonArray(config.ModelType switch
        {
            "qwen2" => "Qwen2ForCausalLM",
            "mistral" => "MistralForCausalLM",
            _ => "LlamaForCausalLM",
        });
        json["hidden_size"] = config.HiddenSize;
        json["num_hidden_layers"] = config.NumLayers;
        json["num_attention_heads"] = config.NumHeads;
        json["num_key_value_heads"] = config.NumKeyValueHeads;
        json["intermediate_size"] = config.IntermediateSize;
        json["max_position_embeddings"] = config.MaxPositions;
        json["rms_norm_eps"] = config.NormEpsilon;
        json["rope_theta"] = config.RopeTheta;
        json["hidden_act"] = config.Activation;
        json["attention_dropout"] = config.AttentionDropout;
        if (config.ModelType == "llama") json["attention_bias"] = config.QkvBias;
        if (config.ModelType == "llama") json["mlp_bias"] = config.MlpBias;
        if (config.HeadDimOverride is not null) json["head_dim"] = config.HeadDimOverride;
    }

    public override void Validate(LanguageModelConfig config)
    {
        if (config.HeadDim % 2 != 0) throw new InvalidDataException("config.json: 'head_dim' must be even for rotary embeddings");
    }

    public override CausalLanguageModel CreateModule(LanguageModelConfig config) => new LlamaForCausalLM(config);
}
