using System.Text.Json.Nodes;

namespace MLNetTemporal.LanguageModels;

/// <summary>
/// One architecture family, as <see cref="LanguageModelArchitectures"/> knows it by <c>model_type</c>: how its
/// <c>config.json</c> reads and writes, what it checks beyond the common keys, and which module implements it.
/// </summary>
/// <remarks>
/// To add an architecture from another assembly: derive a module from <see cref="CausalLanguageModel"/> (its
/// parameter names are the checkpoint keys), derive this class to read and write the config and build that module,
/// and call <see cref="LanguageModelArchitectures.Register"/> once, before the first config of that type is read.
/// <see cref="LanguageModel.Load"/>, <see cref="LanguageModel.Save"/>, <see cref="LanguageModel.Create"/> and every
/// method of the library then work with it.
/// </remarks>
public abstract class LanguageModelArchitecture
{
    /// <summary>
    /// The hyper-parameters of a <c>config.json</c> whose <c>model_type</c> this architecture is registered for. Set
    /// <see cref="LanguageModelConfig.Source"/> to <paramref name="json"/>, so keys nobody reads survive a save;
    /// <see cref="ConfigJson"/> reads typed values with errors that name the key. The caller validates the result.
    /// </summary>
    public abstract LanguageModelConfig ReadConfig(JsonObject json);

    /// <summary>
    /// Writes this architecture's keys into <paramref name="json"/>, which already holds the source's keys and the
    /// common ones (<c>model_type</c>, <c>vocab_size</c>, token ids, <c>tie_word_embeddings</c>, <c>initializer_range</c>).
    /// </summary>
    public abstract void WriteConfig(LanguageModelConfig config, JsonObject json);

    /// <summary>
    /// Checks beyond those <see cref="LanguageModelConfig.Validate"/> makes for every architecture; throw
    /// <see cref="InvalidDataException"/> naming the <c>config.json</c> key.
    /// </summary>
    public virtual void Validate(LanguageModelConfig config)
    {
    }

    /// <summary>
    /// A new module for <paramref name="config"/>. Its weights need no initial values: the library either initialises
    /// them (<see cref="CausalLanguageModel.InitializeWeights"/>) or loads them from a checkpoint.
    /// </summary>
    public abstract CausalLanguageModel CreateModule(LanguageModelConfig config);
}
