using System.Text.Json.Nodes;
using MLNetTemporal.LanguageModels;

namespace MLNetTemporal.Extensibility.Tests.ToyArchitecture;

/// <summary>
/// The toy's <c>config.json</c> (its own key names, as a new Hugging Face model type would have) and its module,
/// registered under <see cref="ModelType"/> from this assembly.
/// </summary>
public sealed class ToyArchitecture : LanguageModelArchitecture
{
    public const string ModelType = "toy_lm";

    // A model_type registers once per process; tests of several classes share this one.
    private static readonly Lazy<bool> Registration = new(() =>
    {
        LanguageModelArchitectures.Register(ModelType, new ToyArchitecture());
        return true;
    });

    public static void EnsureRegistered() => _ = Registration.Value;

    /// <summary>
    /// A small config for tests, with weights wide enough (std 0.5) that activations are of order one and attention
    /// far from uniform; registers the architecture first, as any use of the type needs.
    /// </summary>
    public static LanguageModelConfig Config(int vocabSize, int layers = 2)
    {
        EnsureRegistered();
        return new LanguageModelConfig
        {
            ModelType = ModelType, VocabSize = vocabSize, HiddenSize = 32, NumLayers = layers, NumHeads = 4,
            NumKeyValueHeads = 4, IntermediateSize = 64, MaxPositions = 64, Activation = "relu",
            InitializerRange = 0.5,
        };
    }

    public override LanguageModelConfig ReadConfig(JsonObject json) => new()
    {
        ModelType = ModelType,
        VocabSize = ConfigJson.Int(json, "vocab_size") ?? throw new InvalidDataException("config.json: 'vocab_size' is missing"),
        HiddenSize = ConfigJson.Int(json, "d_model") ?? 32,
        NumLayers = ConfigJson.Int(json, "n_layers") ?? 2,
        NumHeads = ConfigJson.Int(json, "n_heads") ?? 4,
        NumKeyValueHeads = ConfigJson.Int(json, "n_heads") ?? 4,
        IntermediateSize = ConfigJson.Int(json, "d_ff") ?? 64,
        MaxPositions = ConfigJson.Int(json, "max_len") ?? 64,
        NormEpsilon = ConfigJson.Double(json, "norm_eps") ?? 1e-5,
        Activation = "relu",
        TieWordEmbeddings = ConfigJson.Bool(json, "tie_word_embeddings") ?? false,
        InitializerRange = ConfigJson.Double(json, "initializer_range") ?? 0.02,
        BosTokenId = ConfigJson.Int(json, "bos_token_id"),
        EosTokenId = ConfigJson.Int(json, "eos_token_id"),
        PadTokenId = ConfigJson.Int(json, "pad_token_id"),
        Source = json,
    };

    public override void WriteConfig(LanguageModelConfig config, JsonObject json)
    {
        json["architectures"] = new JsonArray("ToyForCausalLM");
        json["d_model"] = config.HiddenSize;
        json["n_layers"] = config.NumLayers;
        json["n_heads"] = config.NumHeads;
        json["d_ff"] = config.IntermediateSize;
        json["max_len"] = config.MaxPositions;
        json["norm_eps"] = config.NormEpsilon;
    }

    public override void Validate(LanguageModelConfig config)
    {
        if (config.NumKeyValueHeads != config.NumHeads)
            throw new InvalidDataException("config.json: 'n_heads' is also the number of key/value heads; the toy has no grouped-query attention");
    }

    public override CausalLanguageModel CreateModule(LanguageModelConfig config) => new ToyForCausalLM(config);
}
