using TorchSharp;
using static TorchSharp.torch;

namespace MLNetTemporal.LanguageModels.Hooks;

/// <summary>A hook: receives an activation and returns it, or a replacement of the same shape.</summary>
public delegate Tensor ActivationHook(Tensor activation, string hookName);

/// <summary>
/// The single intervention mechanism of the language models: functions registered by hook-point name (see
/// <see cref="HookNames"/>) that read or replace activations during one forward pass, and captures that keep
/// copies in an <see cref="ActivationCache"/>. A forward without an <see cref="ActivationHooks"/> pays nothing, and
/// attention takes its fused kernel unless a hook asks for scores or probabilities.
/// </summary>
public sealed class ActivationHooks
{
    private readonly Dictionary<string, List<ActivationHook>> _byName = new(StringComparer.Ordinal);
    private readonly List<(Func<string, bool> Filter, bool Detach)> _captures = [];
    private readonly HashSet<int> _attentionLayers = [];

    /// <summary>Captured activations, by hook name.</summary>
    public ActivationCache Cache { get; } = new();

    /// <summary>Runs <paramref name="hook"/> at the named point; hooks at one point run in the order added.</summary>
    public ActivationHooks Add(string hookName, ActivationHook hook)
    {
        if (!_byName.TryGetValue(hookName, out var list)) _byName[hookName] = list = [];
        list.Add(hook);
        NoteAttention(hookName);
        return this;
    }

    /// <summary>Keeps a copy of every activation whose name passes <paramref name="filter"/>.</summary>
    /// <param name="filter">Which hook points to keep.</param>
    /// <param name="detach">False keeps the autograd graph, for gradients with respect to an activation.</param>
    public ActivationHooks Capture(Func<string, bool> filter, bool detach = true)
    {
        _captures.Add((filter, detach));
        return this;
    }

    /// <summary>Keeps copies of the named activations.</summary>
    public ActivationHooks Capture(params string[] hookNames)
    {
        var set = hookNames.ToHashSet(StringComparer.Ordinal);
        _captures.Add((set.Contains, true));
        foreach (var name in set) NoteAttention(name);
        return this;
    }

    /// <summary>Whether layer <paramref name="layer"/> must materialise its attention scores and probabilities.</summary>
    internal bool NeedsExplicitAttention(int layer)
    {
        if (_attentionLayers.Contains(layer)) return true;
        var names = HookNames.Layer(layer);
        return _captures.Exists(c => c.Filter(names.AttentionScores) || c.Filter(names.AttentionPattern));
    }

    /// <summary>Applies the hooks registered at <paramref name="hookName"/> and records captures.</summary>
    internal Tensor Run(string hookName, Tensor value)
    {
        if (_byName.TryGetValue(hookName, out var hooks))
            foreach (var hook in hooks)
                value = hook(value, hookName);
        foreach (var (filter, detach) in _captures)
        {
            if (!filter(hookName)) continue;
            Cache.Store(hookName, detach ? value.detach() : value.alias());
            break;
        }
        return value;
    }

    private void NoteAttention(string hookName)
    {
        if (hookName.EndsWith(".attn.hook_attn_scores", StringComparison.Ordinal) ||
            hookName.EndsWith(".attn.hook_pattern", StringComparison.Ordinal))
            _attentionLayers.Add(HookNames.LayerOf(hookName));
    }
}
