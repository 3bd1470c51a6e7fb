using MLNetTemporal.LanguageModels;

namespace MLNetTemporal.Pipeline;

/// <summary>What every transform that runs a language model over a text column needs.</summary>
public abstract class TextModelOptions
{
    /// <summary>A Hugging Face model folder, loaded when the estimator is fitted. Set this or <see cref="Model"/>.</summary>
    public string? ModelPath { get; set; }

    /// <summary>A model already in memory, used on its own device and never disposed by the transformer.</summary>
    public LanguageModel? Model { get; set; }

    /// <summary>The text column to read; missing values (empty text) are allowed.</summary>
    public string InputColumnName { get; set; } = "Text";

    /// <summary>Rows run through the model together.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>Longest input in tokens, start token included; longer texts are cut.</summary>
    public int MaxTokens { get; set; } = 512;

    /// <summary>
    /// "auto", "cpu", "cuda" or "cuda:N" for <see cref="ModelPath"/> models and for models of a loaded pipeline,
    /// resolved with the MLContext's GpuDeviceId and FallbackToCpu.
    /// </summary>
    public string Device { get; set; } = "auto";

    /// <summary>Throws naming the first option out of range; the estimator calls it when it is made. An override also calls the base.</summary>
    protected internal virtual void Validate()
    {
        if ((ModelPath is null) == (Model is null))
            throw new ArgumentException("set exactly one of ModelPath and Model");
        if (string.IsNullOrWhiteSpace(InputColumnName)) throw new ArgumentException("InputColumnName is empty");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 1");
        if (MaxTokens < 2) throw new ArgumentOutOfRangeException(nameof(MaxTokens), MaxTokens, "MaxTokens must be at least 2 (the start token and one text token)");
    }
}
