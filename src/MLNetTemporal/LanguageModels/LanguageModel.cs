using MLNetTemporal.Checkpoints;
using MLNetTemporal.Runtime;
using MLNetTemporal.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetTemporal.LanguageModels;

/// <summary>
/// A causal language model with its tokenizer, on one device: what a Hugging Face checkpoint folder holds. This is
/// the object every method of the library works with.
/// </summary>
public sealed partial class LanguageModel : IDisposable
{
    public LanguageModel(CausalLanguageModel module, LanguageModelTokenizer tokenizer, Device device)
    {
        if (tokenizer.VocabSize > module.Config.VocabSize)
            throw new ArgumentException($"the tokenizer has {tokenizer.VocabSize} tokens but the model's vocab_size is {module.Config.VocabSize}", nameof(tokenizer));
        Module = module;
        Tokenizer = tokenizer;
        Device = device;
        Module.to(device);
        Module.eval();
    }

    public CausalLanguageModel Module { get; }
    public LanguageModelTokenizer Tokenizer { get; }
    public Device Device { get; }
    public LanguageModelConfig Config => Module.Config;

    /// <summary>The token put before every text: BOS where the tokenizer has one, else end-of-text (GPT-2).</summary>
    public int StartTokenId => Tokenizer.BosId ?? Tokenizer.EosId ?? Config.BosTokenId ?? Config.EosTokenId ??
        throw new InvalidOperationException("the tokenizer and config define neither a BOS nor an end-of-text token");

    /// <summary>A freshly initialised model (seeded) of the given shape, for pretraining.</summary>
    public static LanguageModel Create(LanguageModelConfig config, LanguageModelTokenizer tokenizer, long seed = 42, Device? device = null) =>
        new(LanguageModelFactory.Create(config, seed), tokenizer, device ?? ComputeDevice.Resolve());

    /// <summary>
    /// Loads a Hugging Face folder: <c>config.json</c>, <c>model.safetensors</c> (or a sharded index) and the
    /// tokenizer files. Every tensor is checked against the config; errors name the file and tensor.
    /// </summary>
    public static LanguageModel Load(string folder, Device? device = null)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"model folder not found: {folder}");
        var config = LanguageModelConfig.Load(Path.Combine(folder, "config.json"));
        var tokenizer = LanguageModelTokenizer.FromFolder(folder);
        var module = LanguageModelFactory.Create(config);
        var state = HuggingFaceCheckpoint.LoadStateDict(folder);
        try
        {
            var expected = module.NamedTensors();
            var mapped = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (var (key, value) in state)
            {
                // Old GPT-2 checkpoints omit the "transformer." prefix.
                var name = !expected.ContainsKey(key) && expected.ContainsKey("transformer." + key) ? "transformer." + key : key;
                if (!expected.ContainsKey(name) && module.IsIgnorableCheckpointKey(name)) continue;
                mapped[name] = value;
            }
            try
            {
                StateDictLoader.Load(module, mapped);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{folder}: the weights do not fit config.json ({config.ModelType}, {config.NumLayers} layers, hidden {config.HiddenSize}): {e.Message}", e);
            }
        }
        finally
        {
            foreach (var t in state.Values) t.Dispose();
        }
        return new LanguageModel(module, tokenizer, device ?? ComputeDevice.Resolve());
    }

    /// <summary>
    /// Saves a folder that Hugging Face <c>transformers</c> loads: config.json, model.safetensors (tied weights stored
    /// once), tokenizer files. The folder is built aside and moved into place, so a failed save leaves no partial model.
    /// </summary>
    public void Save(string folder, IReadOnlyDictionary<string, string>? metadata = null)
    {
        AtomicFile.WriteDirectory(folder, temp =>
        {
            Config.Save(Path.Combine(temp, "config.json"));
            var meta = new Dictionary<string, string> { ["format"] = "pt" };
            if (metadata is not null) foreach (var (k, v) in metadata) meta[k] = v;
            HuggingFaceCheckpoint.SaveStateDict(temp, Module.NamedTensors(), metadata: meta);
            Tokenizer.SaveTo(temp);
        });
    }

    /// <summary>An independent copy (same tokenizer, weights copied) for fine-tuning without touching this one.</summary>
    public LanguageModel Clone(Device? device = null)
    {
        var module = LanguageModelFactory.Create(Config);
        using (no_grad())
        {
            var target = module.NamedTensors();
            foreach (var (name, source) in Module.NamedTensors())
                target[name].copy_(source.cpu());
        }
        return new LanguageModel(module, Tokenizer, device ?? Device);
    }

    public void Dispose() => Module.Dispose();
}
