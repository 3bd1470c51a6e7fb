using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLNetTemporal.LanguageModels;

/// <summary>
/// A model's hyper-parameters, read from and written to a Hugging Face <c>config.json</c>. Keys this library does not
/// interpret are kept, so a loaded-then-saved checkpoint keeps its configuration intact. Which keys hold which value
/// depends on <see cref="ModelType"/>: its registered <see cref="Architecture"/> reads and writes them.
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

    /// <summary>The architecture registered for <see cref="ModelType"/>; <see cref="NotSupportedException"/> when none is.</summary>
    public LanguageModelArchitecture Architecture => LanguageModelArchitectures.Get(ModelType);

    public int HeadDim => HeadDimOverride ?? HiddenSize / NumHeads;

    /// <summary>Checks internal consistency; the message names the offending key.</summary>
    public void Validate()
    {
        var architecture = Architecture;
        Require(VocabSize > 0, "vocab_size", "must be positive");
        Require(HiddenSize > 0, "hidden_size", "must be positive");
        Require(NumLayers > 0, "num_hidden_layers", "must be positive");
        Require(NumHeads > 0, "num_attention_heads", "must be positive");
        Require(HeadDimOverride is not null || HiddenSize % NumHeads == 0, "num_attention_heads", $"must divide hidden_size {HiddenSize}");
        Require(NumKeyValueHeads > 0 && NumHeads % NumKeyValueHeads == 0, "num_key_value_heads", $"must divide num_attention_heads {NumHeads}");
        Require(IntermediateSize > 0, "intermediate_size", "must be positive");
        Require(MaxPositions > 0, "max_position_embeddings", "must be positive");
        architecture.Validate(this);
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

    /// <summary>Reads a parsed <c>config.json</c> through the architecture registered for its <c>model_type</c>.</summary>
    public static LanguageModelConfig FromJson(JsonObject json)
    {
        var type = ConfigJson.String(json, "model_type") ?? throw new InvalidDataException("config.json: 'model_type' is missing");
        var config = LanguageModelArchitectures.Get(type).ReadConfig(json);
        if (config.ModelType != type)
            throw new InvalidOperationException($"the architecture registered for '{type}' read a config of model_type '{config.ModelType}'");
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
        Architecture.WriteConfig(this, json);
        return json;
    }

    public void Save(string path) =>
        Runtime.AtomicFile.WriteAllText(path, ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
}
