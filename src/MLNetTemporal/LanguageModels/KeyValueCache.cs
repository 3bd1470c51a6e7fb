using static TorchSharp.torch;

namespace MLNetTemporal.LanguageModels;

/// <summary>
/// Keys and values of every layer for positions already processed: [batch, kv_heads, positions, head_dim] each, keys
/// after rotary embedding. A forward pass never modifies the cache it is given; it returns a new one that extends it,
/// so one cache (for example, the demonstrations of an in-context prompt) can serve many later calls. Entries may be
/// dropped (<see cref="Select"/>) or replaced (<see cref="SetLayer"/>); <see cref="NextPosition"/> keeps counting the
/// positions of the original sequence, so tokens that follow a pruned cache keep their true positions.
/// </summary>
public sealed class KeyValueCache : IDisposable
{
    private readonly Tensor[] _keys;
    private readonly Tensor[] _values;

    public KeyValueCache(IReadOnlyList<Tensor> keys, IReadOnlyList<Tensor> values, long nextPosition)
    {
        if (keys.Count != values.Count) throw new ArgumentException("keys and values must have one entry per layer");
        if (keys.Count == 0) throw new ArgumentException("a cache needs at least one layer");
        for (int i = 0; i < keys.Count; i++)
        {
            if (!keys[i].shape.SequenceEqual(values[i].shape))
                throw new ArgumentException($"layer {i}: keys {Shape(keys[i])} and values {Shape(values[i])} differ in shape");
            if (keys[i].dim() != 4 || keys[i].shape[2] != keys[0].shape[2])
                throw new ArgumentException($"layer {i}: expected [batch, kv_heads, {keys[0].shape[2]}, head_dim], got {Shape(keys[i])}");
        }
        _keys = keys.Select(Own).ToArray();
        _values = values.Select(Own).ToArray();
        NextPosition = nextPosition;
    }

    public int LayerCount => _keys.Length;
    /// <summary>Cached entries per layer (may be fewer than <see cref="NextPosition"/> after pruning).</summary>
    public long Length => _keys[0].shape[2];
    public long BatchSize => _keys[0].shape[0];
    /// <summary>Position id of the next token to process.</summary>
    public long NextPosition { get; }

    public Tensor Keys(int layer) => _keys[layer];
    public Tensor Values(int layer) => _values[layer];

    /// <summary>Replaces one layer's entries (the cache takes ownership of the new tensors).</summary>
    public void SetLayer(int layer, Tensor keys, Tensor values)
    {
        if (!keys.shape.SequenceEqual(_keys[layer].shape) || !values.shape.SequenceEqual(_values[layer].shape))
            throw new ArgumentException($"layer {layer}: replacement {Shape(keys)}/{Shape(values)} must match {Shape(_keys[layer])}");
        _keys[layer].Dispose();
        _values[layer].Dispose();
        _keys[layer] = Own(keys);
        _values[layer] = Own(values);
    }

    /// <summary>A new cache that keeps only the given entry indices (in that order) in every layer.</summary>
    public KeyValueCache Select(IReadOnlyList<long> entries)
    {
        foreach (var e in entries)
            if (e < 0 || e >= Length) throw new ArgumentOutOfRangeException(nameof(entries), $"entry {e} is outside the cache (length {Length})");
        using var scope = NewDisposeScope();
        using var index = tensor(entries.ToArray(), device: _keys[0].device);
        return new KeyValueCache(
            _keys.Select(k => k.index_select(2, index)).ToList(),
            _values.Select(v => v.index_select(2, index)).ToList(),
            NextPosition);
    }

    /// <summary>A new cache whose single sequence is repeated <paramref name="batch"/> times.</summary>
    public KeyValueCache Repeat(long batch)
    {
        if (BatchSize == batch) return Clone();
        if (BatchSize != 1) throw new InvalidOperationException($"only a cache of batch 1 can be repeated, this one has {BatchSize}");
        using var scope = NewDisposeScope();
        return new KeyValueCache(
            _keys.Select(k => k.expand(batch, -1, -1, -1).contiguous()).ToList(),
            _values.Select(v => v.expand(batch, -1, -1, -1).contiguous()).ToList(),
            NextPosition);
    }

    public KeyValueCache Clone()
    {
        using var scope = NewDisposeScope();
        return new KeyValueCache(_keys.Select(k => k.clone()).ToList(), _values.Select(v => v.clone()).ToList(), NextPosition);
    }

    public void Dispose()
    {
        foreach (var t in _keys) t.Dispose();
        foreach (var t in _values) t.Dispose();
    }

    private static Tensor Own(Tensor t)
    {
        t.DetachFromDisposeScope();
        return t;
    }

    private static string Shape(Tensor t) => "[" + string.Join(", ", t.shape) + "]";
}
