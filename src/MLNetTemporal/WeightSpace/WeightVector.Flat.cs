using static TorchSharp.torch;

namespace MLNetTemporal.WeightSpace;

public sealed partial class WeightVector
{
    /// <summary>
    /// Every entry laid end to end, tensor after tensor in the order of <see cref="Names"/> (the model's order for a
    /// vector made from a model; name order for one loaded from a file): a new one-dimensional tensor of the
    /// vector's dtype, owned by the caller.
    /// </summary>
    public Tensor Flatten()
    {
        using var scope = NewDisposeScope();
        return cat([.. _tensors.Values.Select(t => t.reshape(-1))]).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The <paramref name="fraction"/> of entries largest in absolute value, chosen over the flattened vector rather
    /// than tensor by tensor, so the tensors where the signal is strong get more of the budget. Exactly
    /// <see cref="WeightMask.KeptFor"/> entries are kept, ties broken by the sort.
    /// </summary>
    public WeightMask TopK(double fraction)
    {
        long k = WeightMask.KeptFor(fraction, ElementCount);
        using var scope = NewDisposeScope();
        var (_, indices) = Flatten().abs_().topk(checked((int)k), sorted: false);
        var kept = zeros(ElementCount, ScalarType.Bool).index_fill_(0, indices, true);
        // Each tensor's mask is a view of the one flat mask: no copy.
        var masks = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        long offset = 0;
        foreach (var (name, t) in _tensors)
        {
            masks.Add(name, kept[TensorIndex.Slice(offset, offset + t.NumberOfElements)].view(t.shape).MoveToOuterDisposeScope());
            offset += t.NumberOfElements;
        }
        return new WeightMask(masks, k);
    }
}
