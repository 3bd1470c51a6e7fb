using static TorchSharp.torch;

namespace MLNetTemporal.LanguageModels.Hooks;

/// <summary>
/// Activations captured during forward passes, by hook name. The cache owns its tensors: they are detached from
/// every dispose scope when stored and released when the cache is disposed.
/// </summary>
public sealed class ActivationCache : IDisposable
{
    private readonly Dictionary<string, Tensor> _tensors = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _tensors.Keys;
    public int Count => _tensors.Count;
    public bool Contains(string hookName) => _tensors.ContainsKey(hookName);

    public Tensor this[string hookName] => _tensors.TryGetValue(hookName, out var t)
        ? t
        : throw new KeyNotFoundException($"activation '{hookName}' was not captured; captured: {string.Join(", ", _tensors.Keys.Take(8))}{(_tensors.Count > 8 ? ", …" : "")}");

    internal void Store(string hookName, Tensor value)
    {
        value.DetachFromDisposeScope();
        if (_tensors.Remove(hookName, out var old)) old.Dispose();
        _tensors[hookName] = value;
    }

    /// <summary>Removes an activation from the cache and hands its ownership to the caller.</summary>
    public Tensor Take(string hookName)
    {
        if (!_tensors.Remove(hookName, out var t)) _ = this[hookName];
        return t!;
    }

    public void Clear()
    {
        foreach (var t in _tensors.Values) t.Dispose();
        _tensors.Clear();
    }

    public void Dispose() => Clear();
}
