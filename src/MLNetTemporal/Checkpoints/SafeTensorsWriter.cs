using System.Text;
using static TorchSharp.torch;

namespace MLNetTemporal.Checkpoints;

/// <summary>Writes tensors to a safetensors file, atomically.</summary>
public static class SafeTensorsWriter
{
    /// <summary>
    /// Writes <paramref name="tensors"/> in the layout of Hugging Face's writer (larger dtypes first, then by name),
    /// so the same tensors and metadata always give the same bytes. Tensors on other devices or non-contiguous are
    /// copied to the CPU one at a time; the caller's tensors are not modified.
    /// </summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var ordered = tensors
            .Select(p => (Spec: SafeTensorSpec.Of(p.Key, p.Value), Tensor: p.Value))
            // Unsupported dtypes sort anywhere: the stream writer rejects them, naming the tensor, before writing a byte.
            .OrderByDescending(p => SafeTensorsDType.IsSupported(p.Spec.DType) ? SafeTensorsDType.Rank(p.Spec.DType) : -1)
            .ThenBy(p => p.Spec.Name, Utf8Order)
            .ToList();
        using var writer = new SafeTensorsStreamWriter(path, ordered.Select(p => p.Spec), metadata);
        foreach (var (spec, tensor) in ordered) writer.WriteNext(spec.Name, tensor);
        writer.Complete();
    }

    // Rust compares names as UTF-8 bytes, which differs from UTF-16 ordinal order for characters beyond U+FFFF.
    private static readonly Comparer<string> Utf8Order = Comparer<string>.Create(
        (a, b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b)));
}
