using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetTemporal.WeightSpace;

/// <summary>
/// A subset of a weight vector's entries: per tensor, a bool tensor of its shape, true where the entry is kept (a
/// top-k mask from <see cref="WeightVector.TopK"/>, say). Owns its tensors.
/// </summary>
public sealed class WeightMask : IDisposable
{
    private readonly OrderedDictionary<string, Tensor> _tensors;

    internal WeightMask(OrderedDictionary<string, Tensor> tensors, long kept)
    {
        _tensors = tensors;
        Kept = kept;
    }

    public IReadOnlyList<string> Names => [.. _tensors.Keys];
    public Tensor this[string name] => _tensors.TryGetValue(name, out var t) ? t : throw new KeyNotFoundException($"the mask has no tensor '{name}'");
    public long ElementCount => _tensors.Values.Sum(t => t.NumberOfElements);

    /// <summary>How many entries are kept.</summary>
    public long Kept { get; }

    public double Fraction => (double)Kept / ElementCount;

    /// <summary>How many entries a top-k mask keeps for a fraction of <paramref name="total"/> entries: max(1, round(fraction x total)).</summary>
    public static long KeptFor(double fraction, long total)
    {
        if (fraction is <= 0 or > 1 || double.IsNaN(fraction))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "the fraction of entries kept must be in (0, 1]");
        return Math.Clamp((long)Math.Round(fraction * total), 1, total);
    }

    /// <summary>Entries kept by both masks, as a fraction of the entries this mask keeps.</summary>
    public double Overlap(WeightMask other)
    {
        if (other._tensors.Count != _tensors.Count)
            throw new ArgumentException($"the masks cover {_tensors.Count} and {other._tensors.Count} tensors: they come from models of different shapes", nameof(other));
        long both = 0;
        foreach (var (name, t) in _tensors)
        {
            var o = other._tensors.GetValueOrDefault(name) ?? throw new ArgumentException($"tensor '{name}' is in this mask but not in the other", nameof(other));
            CheckShape(name, t, o.shape, "the other mask");
            using var scope = NewDisposeScope();
            both += t.logical_and(o).sum().item<long>();
        }
        return both / (double)Kept;
    }

    /// <summary>A copy on <paramref name="device"/>, so that gradients there are masked every step without a transfer.</summary>
    public WeightMask To(Device device)
    {
        var moved = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, t) in _tensors) moved.Add(name, t.to(device));
        return new WeightMask(moved, Kept);
    }

    /// <summary>
    /// Zeroes, in place, every gradient entry of <paramref name="parameters"/> outside the mask; the parameters must
    /// be those the mask was taken over (same names and shapes).
    /// </summary>
    public void RestrictGradients(IReadOnlyDictionary<string, Parameter> parameters)
    {
        if (parameters.Count != _tensors.Count)
            throw new ArgumentException($"the mask covers {_tensors.Count} tensors, the model has {parameters.Count} trainable parameters: it was taken from a model of another shape", nameof(parameters));
        using var guard = no_grad();
        foreach (var (name, mask) in _tensors)
        {
            var p = parameters.GetValueOrDefault(name) ?? throw new ArgumentException($"the model has no trainable parameter '{name}' of the mask", nameof(parameters));
            CheckShape(name, mask, p.shape, "the model");
            using var scope = NewDisposeScope();
            if (p.grad is { } grad) grad.mul_(mask.to(grad.device));
        }
    }

    public void Dispose()
    {
        foreach (var t in _tensors.Values) t.Dispose();
        _tensors.Clear();
    }

    private static void CheckShape(string name, Tensor mask, long[] shape, string where)
    {
        if (!mask.shape.SequenceEqual(shape))
            throw new ArgumentException($"tensor '{name}' is [{string.Join(", ", mask.shape)}] in the mask but [{string.Join(", ", shape)}] in {where}");
    }
}
