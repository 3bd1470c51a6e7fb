using MLNetTemporal.LanguageModels.Hooks;
using static TorchSharp.torch;

namespace MLNetTemporal.LanguageModels;

/// <summary>
/// What every block of one forward call shares: masks, rotary tables, the cache in and out, the hooks. Built by
/// <see cref="CausalLanguageModel"/>; a block reads it and passes each activation through <see cref="Hook"/>.
/// </summary>
public sealed class ForwardContext
{
    internal ForwardContext()
    {
    }

    /// <summary>Additive mask [batch, 1, queries, keys], or null when plain causal masking suffices.</summary>
    public Tensor? AttentionBias { get; internal init; }
    /// <summary>True when no mask is needed beyond causality among the new tokens (fused kernel's is_causal).</summary>
    public bool IsCausal { get; internal init; }
    /// <summary>Keys and values of earlier positions; <see cref="AttentionCore.WithPast"/> appends to them.</summary>
    public KeyValueCache? Past { get; internal init; }
    public bool UseCache { get; internal init; }
    public ActivationHooks? Hooks { get; internal init; }
    /// <summary>Rotary cos/sin [batch, seq, head_dim] from <see cref="CausalLanguageModel"/>'s rotary tables; null without.</summary>
    public Tensor? RotaryCos { get; internal init; }
    public Tensor? RotarySin { get; internal init; }
    internal List<(Tensor Keys, Tensor Values)> Presents { get; } = [];

    /// <summary>Runs the hooks and captures registered at <paramref name="name"/>; returns the value the model continues with.</summary>
    public Tensor Hook(string name, Tensor value) => Hooks is null ? value : Hooks.Run(name, value);
}

/// <summary>A block's input: the residual stream and the call's shared context.</summary>
public sealed record BlockInput(Tensor Hidden, ForwardContext Context);
