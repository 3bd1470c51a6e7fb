using MLNetTemporal.LanguageModels.Hooks;
using static TorchSharp.torch;

namespace MLNetTemporal.LanguageModels;

/// <summary>What every block of one forward call shares: masks, rotary tables, the cache in and out, the hooks.</summary>
internal sealed class ForwardContext
{
    /// <summary>Additive mask [batch, 1, queries, keys], or null when plain causal masking suffices.</summary>
    public Tensor? AttentionBias { get; init; }
    /// <summary>True when no mask is needed beyond causality among the new tokens (fused kernel's is_causal).</summary>
    public bool IsCausal { get; init; }
    public KeyValueCache? Past { get; init; }
    public bool UseCache { get; init; }
    public ActivationHooks? Hooks { get; init; }
    /// <summary>Rotary cos/sin [batch, seq, head_dim] for Llama-family models.</summary>
    public Tensor? RotaryCos { get; init; }
    public Tensor? RotarySin { get; init; }
    public List<(Tensor Keys, Tensor Values)> Presents { get; } = [];

    public Tensor Hook(string name, Tensor value) => Hooks is null ? value : Hooks.Run(name, value);
}

/// <summary>A block's input: the residual stream and the call's shared context.</summary>
internal sealed record BlockInput(Tensor Hidden, ForwardContext Context);
