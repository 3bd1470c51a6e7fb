using Microsoft.ML;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Runtime;

namespace MLNetTemporal.Pipeline;

/// <summary>Where a text-model estimator gets its model: the one given, or its folder loaded at Fit.</summary>
internal static class TextModelSource
{
    /// <summary>The model's shape, read without loading the weights.</summary>
    public static LanguageModelConfig Config(TextModelOptions options) =>
        options.Model?.Config ?? LanguageModelConfig.Load(Path.Combine(options.ModelPath!, "config.json"));

    /// <summary>The model and whether the transformer owns it (it does when it was loaded here).</summary>
    public static (LanguageModel Model, bool Owned) Acquire(TextModelOptions options, MLContext context) =>
        options.Model is not null
            ? (options.Model, false)
            : (LanguageModel.Load(options.ModelPath!, ComputeDevice.Resolve(options.Device, context)), true);
}
