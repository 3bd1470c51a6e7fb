using MLNetTemporal.LanguageModels.Hooks;
using static TorchSharp.torch;

namespace MLNetTemporal.LanguageModels;

/// <summary>One forward call of a causal language model.</summary>
/// <param name="InputIds">Token ids [batch, seq] (int64).</param>
public sealed record CausalLMInput(Tensor InputIds)
{
    /// <summary>1 for real tokens, 0 for padding, over cached plus new positions [batch, past + seq]; null: all real.</summary>
    public Tensor? AttentionMask { get; init; }
    /// <summary>Position ids [batch, seq]; null: continue from the cache's next position.</summary>
    public Tensor? PositionIds { get; init; }
    /// <summary>Earlier keys and values to attend to; never modified.</summary>
    public KeyValueCache? PastKeyValues { get; init; }
    /// <summary>Return the extended key/value cache.</summary>
    public bool UseCache { get; init; }
    /// <summary>Hooks and captures for this call.</summary>
    public ActivationHooks? Hooks { get; init; }
    /// <summary>Skip the LM head (for embeddings and probes): <see cref="CausalLMOutput.Logits"/> is then null.</summary>
    public bool SkipLogits { get; init; }
}

/// <summary>What a forward call returns.</summary>
public sealed record CausalLMOutput(Tensor? Logits, Tensor LastHiddenState, KeyValueCache? PresentKeyValues);
