using MLNetTemporal.LanguageModels.Gpt2;
using MLNetTemporal.LanguageModels.Llama;

namespace MLNetTemporal.LanguageModels;

/// <summary>
/// The architectures this process knows, by Hugging Face <c>model_type</c>. The library registers its own (gpt2;
/// llama, qwen2 and mistral on one Llama module); other assemblies add theirs with <see cref="Register"/>.
/// </summary>
public static class LanguageModelArchitectures
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, LanguageModelArchitecture> ByType = new(StringComparer.Ordinal)
    {
        ["gpt2"] = new Gpt2Architecture(),
        ["llama"] = new LlamaArchitecture(),
        ["qwen2"] = new LlamaArchitecture(),
        ["mistral"] = new LlamaArchitecture(),
    };

    /// <summary>
    /// Makes <paramref name="modelType"/> loadable, savable and creatable. A type registers once; registering a type
    /// already known (including a built-in one) is an error rather than a silent replacement.
    /// </summary>
    public static void Register(string modelType, LanguageModelArchitecture architecture)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelType);
        ArgumentNullException.ThrowIfNull(architecture);
        lock (Gate)
        {
            if (!ByType.TryAdd(modelType, architecture))
                throw new ArgumentException($"model_type '{modelType}' is already registered", nameof(modelType));
        }
    }

    /// <summary>Every registered <c>model_type</c>, sorted.</summary>
    public static IReadOnlyList<string> ModelTypes
    {
        get
        {
            lock (Gate) return ByType.Keys.Order(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>The architecture registered for <paramref name="modelType"/>.</summary>
    /// <exception cref="NotSupportedException">Nothing is registered for it; the message lists what is.</exception>
    public static LanguageModelArchitecture Get(string modelType)
    {
        lock (Gate)
        {
            if (ByType.TryGetValue(modelType, out var architecture)) return architecture;
        }
        throw new NotSupportedException(
            $"model_type '{modelType}' is not supported; registered: {string.Join(", ", ModelTypes)} (add one with LanguageModelArchitectures.Register)");
    }
}
