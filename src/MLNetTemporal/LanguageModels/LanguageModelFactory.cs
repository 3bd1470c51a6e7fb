using MLNetTemporal.LanguageModels.Gpt2;
using MLNetTemporal.LanguageModels.Llama;

namespace MLNetTemporal.LanguageModels;

/// <summary>Builds the module that implements a config's architecture.</summary>
public static class LanguageModelFactory
{
    /// <summary>A new model with Hugging Face's seeded initialisation.</summary>
    public static CausalLanguageModel Create(LanguageModelConfig config, long seed = 42)
    {
        CausalLanguageModel model = config.Architecture switch
        {
            ModelArchitecture.Gpt2 => new Gpt2LMHeadModel(config),
            _ => new LlamaForCausalLM(config),
        };
        model.InitializeWeights(seed);
        return model;
    }
}
