using MLNetTemporal.Runtime;

namespace MLNetTemporal.LanguageModels;

/// <summary>Builds the module that implements a config's architecture (see <see cref="LanguageModelArchitectures"/>).</summary>
public static class LanguageModelFactory
{
    /// <summary>A new model with Hugging Face's seeded initialisation.</summary>
    public static CausalLanguageModel Create(LanguageModelConfig config, long seed = 42)
    {
        TorchNativeLoader.EnsureLoaded();
        var model = config.Architecture.CreateModule(config);
        model.InitializeWeights(seed);
        return model;
    }
}
