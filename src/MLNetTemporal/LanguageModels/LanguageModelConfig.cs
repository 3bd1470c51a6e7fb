using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLNetTemporal.LanguageModels;

/// <summary>The architecture families this library implements.</summary>
public enum ModelArchitecture
{
    /// <summary>GPT-2: learned positions, LayerNorm, GELU MLP, fused Conv1D attention.</summary>
    Gpt2,
    /// <summary>Llama family (Llama, Qwen2, Mistral): RMSNorm, rotary positions, SwiGLU, grouped-query attention.</summary>
    Llama,
}

/// <summary>
/// A model's hyper-parameters, read from and written to a Hugging Face <c>config.json</c>. Keys this library does not
/// interpret are kept, so a loaded-then-saved checkpoint keeps its configuration intact.
/// </summary>
public sealed record LanguageModelConfig
{
    public required string ModelType { get; init; }
    public required int VocabSize { get; init; }
    public required int HiddenSize { get; init; }
    public required int NumLayers { get; init; }
    public required int NumHeads { get; init; }
    public int NumKeyValueHeads { get; init; }
    public required int IntermediateSize { get; init; }
    public required int MaxPositions { get; init; }
    public double NormEpsilon { get; init; } = 1e-5;
    public double RopeTheta { get; init; } = 10000;
    public bool TieWordEmbeddings { get; init; }
    /// <summary>Bias on the q/k/v projections (Qwen2 always, Llama when <c>attention_bias</c>).</summary>
    public bool QkvBias { get; init; }
    /// <summary>Bias on the attention output projection (Llama <c>attention_bias</c>).</summary>
    public bool OutputBias { get; init; }
    public bool MlpBias { get; init; }
    public string Activation { get; init; } = "gelu_new";
    public double EmbeddingDropout { get; init; }
    public double ResidualDropout { get; init; }
    public double AttentionDropout { get; init; }
    public double InitializerRange { get; init; } = 0.02;
    public int? BosTokenId { get; init; }
    public int? EosTokenId { get; init; }
    public int? PadTokenId { get; init; }
    public int? HeadDimOverride { get; init; }

    /// <summary>The original JSON, so that unknown keys survive a save.</summary>
    public JsonObject? Source { get; init; }

    public ModelArchitecture Architecture => ModelType switch
    {
        "gpt2" => ModelArchitecture.Gpt2,
        "llama" or "qwen2" or "mistral" => ModelArchitecture.Llama,
        _ => throw new NotSupportedException($"model_type '{ModelType}' is not supported (gpt2, llama, qwen2, mistral)"),
    };

    public int HeadDim => HeadDimOverride ?? HiddenSize / NumHeads;

    /// <summary>Checks internal consistency; the message names the offending key.</summary>
    public void Validate()
    {
        _ = Architecture;
        Require(VocabSize > 0, "vocab_size", "must be positive");
        Require(HiddenSize > 0, "hidden_size", "must be positive");
        Require(NumLayers > 0, "num_hidden_layers", "must be positive");
        Require(NumHeads > 0, "num_attention_heads", "must be positive");
        Require(HeadDimOverride is not null || HiddenSize % NumHeads == 0, "num_attention_heads", $"must divide hidden_size {HiddenSize}");
        Require(NumKeyValueHeads > 0 && NumHeads % NumKeyValueHeads == 0, "num_key_value_heads", $"must divide num_attention_heads {NumHeads}");
        Require(Architecture != ModelArchitecture.Llama || HeadDim % 2 == 0, "head_dim", "must be even for rotary embeddings");
        Require(IntermediateSize > 0, "intermediate_size", "must be positive");
        Require(MaxPositions > 0, "max_position_embeddings", "must be positive");
    }

    private static void Require(bool ok, string key, string what)
    {
        if (!ok) throw new InvalidDataException($"config.json: '{key}' {what}");
    }

    public static LanguageModelConfig Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"config.json not found: {path}", path);
        JsonObject json;
        try
        {
            json = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new InvalidDataException($"{path}: expected a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: invalid JSON ({e.Message})", e);
        }
        try
        {
            return FromJson(json);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    public static LanguageModelConfig FromJson(JsonObject json)
    {
        var type = Str(json, "model_type") ?? throw new InvalidDataException("config.json: 'model_type' is missing");
        LanguageModelConfig config = type == "gpt2"
            ? new LanguageModelConfig
            {
                ModelType = type,
                VocabSize = Int(json, "vocab_size") ?? 50257,
                HiddenSize = Int(json, "n_embd") ?? 768,
                NumLayers = Int(json, "n_layer") ?? 12,
                NumHeads = Int(json, "n_head") ?? 12,
                NumKeyValueHeads = Int(json, "n_head") ?? 12,
                IntermediateSize = Int(json, "n_inner") ?? 4 * (Int(json, "n_embd") ?? 768),
                MaxPositions = Int(json, "n_positions") ?? 1024,
                NormEpsilon = Dbl(json, "layer_norm_epsilon") ?? 1e-5,
                TieWordEmbeddings = Bool(json, "tie_word_embeddings") ?? true,
                QkvBias = true,
                OutputBias = true,
                MlpBias = true,
                Activation = Str(json, "activation_function") ?? "gelu_new",
                EmbeddingDropout = Dbl(json, "embd_pdrop") ?? 0.1,
                ResidualDropout = Dbl(json, "resid_pdrop") ?? 0.1,
                AttentionDropout = Dbl(json, "attn_pdrop") ?? 0.1,
                InitializerRange = Dbl(json, "initializer_range") ?? 0.02,
                BosTokenId = Int(json, "bos_token_id"),
                EosTokenId = Int(json, "eos_token_id"),
                PadTokenId = Int(json, "pad_token_id"),
                Source = json,
            }
            : new LanguageModelConfig
            {
                ModelType = type,
                VocabSize = Int(json, "vocab_size") ?? 32000,
                HiddenSize = Int(json, "hidden_size") ?? 4096,
                NumLayers = Int(json, "num_hidden_layers") ?? 32,
                NumHeads = Int(json, "num_attention_heads") ?? 32,
                NumKeyValueHeads = Int(json, "num_key_value_heads") ?? Int(json, "num_attention_heads") ?? 32,
                IntermediateSize = Int(json, "intermediate_size") ?? 11008,
                MaxPositions = Int(json, "max_position_embeddings") ?? 2048,
                NormEpsilon = Dbl(json, "rms_norm_eps") ?? 1e-6,
                RopeTheta = Dbl(json, "rope_theta") ?? 10000,
                TieWordEmbeddings = Bool(json, "tie_word_embeddings") ?? false,
                QkvBias = type == "qwen2" || (Bool(json, "attention_bias") ?? false),
                OutputBias = type != "qwen2" && (Bool(json, "attention_bias") ?? false),
                MlpBias = Bool(json, "mlp_bias") ?? false,
                Activation = Str(json, "hidden_act") ?? "silu",
                AttentionDropout = Dbl(json, "attention_dropout") ?? 0,
                InitializerRange = Dbl(json, "initializer_range") ?? 0.02,
                BosTokenId = Int(json, "bos_token_id"),
                EosTokenId = Int(json, "eos_token_id"),
                PadTokenId = Int(json, "pad_token_id"),
                HeadDimOverride = Int(json, "head_dim"),
                Source = json,
            };
        if (json["rope_scaling"] is JsonObject scaling)
            throw new NotSupportedException($"config.json: 'rope_scaling' ({scaling.ToJsonString()}) is not supported yet");
        config.Validate();
        return config;
    }

    /// <summary>Serialises in the Hugging Face layout of this model type, keeping unknown keys of the source.</summary>
    public JsonObject ToJson()
    {
        var json = Source?.DeepClone() as JsonObject ?? new JsonObject();
        json["model_type"] = ModelType;
        json["vocab_size"] = VocabSize;
        json["tie_word_embeddings"] = TieWordEmbeddings;
        json["bos_token_id"] = BosTokenId;
        json["eos_token_id"] = EosTokenId;
        if (PadTokenId is not null) json["pad_token_id"] = PadTokenId;
        json["initializer_range"] = InitializerRange;
        json["torch_dtype"] ??= "float32";
        if (Architecture == ModelArchitecture.Gpt2)
        {
            json["architectures"] = new JsonArray("GPT2LMHeadModel");
            json["n_embd"] = HiddenSize;
            json["n_layer"] = NumLayers;
            json["n_head"] = NumHeads;
            json["n_inner"] = IntermediateSize;
            json["n_positions"] = MaxPositions;
            json["n_ctx"] = MaxPositions;
            json["layer_norm_epsilon"] = NormEpsilon;
            json["activation_function"] = Activation;
            json["embd_pdrop"] = EmbeddingDropout;
            json["resid_pdrop"] = ResidualDropout;
            json["attn_pdrop"] = AttentionDropout;
        }
        else
        {
            json["architectures"] = new JsonArray(ModelType switch
            {
                "qwen2" => "Qwen2ForCausalLM",
                "mistral" => "MistralForCausalLM",
                _ => "LlamaForCausalLM",
            });
            json["hidden_size"] = HiddenSize;
            json["num_hidden_layers"] = NumLayers;
            json["num_attention_heads"] = NumHeads;
            json["num_key_value_heads"] = NumKeyValueHeads;
            json["intermediate_size"] = IntermediateSize;
            json["max_position_embeddings"] = MaxPositions;
            json["rms_norm_eps"] = NormEpsilon;
            json["rope_theta"] = RopeTheta;
            json["hidden_act"] = Activation;
            json["attention_dropout"] = AttentionDropout;
            if (ModelType == "llama") json["attention_bias"] = QkvBias;
            if (ModelType == "llama") json["mlp_bias"] = MlpBias;
            if (HeadDimOverride is not null) json["head_dim"] = HeadDimOverride;
        }
        return json;
    }

    public void Save(string path) =>
        Runtime.AtomicFile.WriteAllText(path, ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    private static string? Str(JsonObject j, string key) => j[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    private static bool? Bool(JsonObject j, string key) => j[key] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    private static int? Int(JsonObject j, string key)
    {
        if (j[key] is not JsonValue v) return null;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<double>(out var d) && d == Math.Floor(d)) return (int)d;
        if (v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out i)) return i;
        throw new InvalidDataException($"config.json: '{key}' must be an integer, found {v.ToJsonString()}");
    }

    private static double? Dbl(JsonObject j, string key)
    {
        if (j[key] is not JsonValue v) return null;
        if (v.TryGetValue<double>(out var d)) return d;
        if (v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number) return e.GetDouble();
        throw new InvalidDataException($"config.json: '{key}' must be a number, found {v.ToJsonString()}");
    }
}
