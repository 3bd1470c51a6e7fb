using TorchSharp;
using MLNetTemporal.Runtime;
using static TorchSharp.torch;

namespace MLNetTemporal.Checkpoints;

/// <summary>
/// Writes a safetensors file one tensor at a time, so a checkpoint larger than memory can be produced piecewise.
/// All tensors are announced up front (the header comes first); their data must then arrive in that order. The
/// file appears at its path only on <see cref="Complete"/>; disposing earlier deletes the partial file.
/// </summary>
public sealed unsafe class SafeTensorsStreamWriter : IDisposable
{
    private const int ChunkBytes = 1 << 24;
    private readonly PendingFile _file;
    private readonly SafeTensorSpec[] _tensors;
    private int _next;
    private long _written;

    /// <summary>Starts the file with the header for <paramref name="tensors"/>: every tensor it will hold, in the order their data will be written.</summary>
    public SafeTensorsStreamWriter(string path, IEnumerable<SafeTensorSpec> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        _tensors = [.. tensors];
        var names = new HashSet<string>(StringComparer.Ordinal) { SafeTensorsHeader.MetadataKey };
        foreach (var t in _tensors)
        {
            if (!names.Add(t.Name))
                throw new ArgumentException($"{path}: tensor name '{t.Name}' is repeated or reserved", nameof(tensors));
            if (!SafeTensorsDType.IsSupported(t.DType))
                throw new ArgumentException($"{path}: tensor '{t.Name}' has dtype {t.DType}, which safetensors cannot store (supported: {SafeTensorsDType.SupportedNames})", nameof(tensors));
            if (t.Shape.Any(d => d < 0))
                throw new ArgumentException($"{path}: tensor '{t.Name}' has a negative dimension in [{string.Join(", ", t.Shape)}]", nameof(tensors));
        }
        var header = SafeTensorsHeader.Serialize(_tensors, metadata);
        _file = PendingFile.Create(path);
        try
        {
            _file.Stream.Write(header);
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    public string Path => _file.TargetPath;

    /// <summary>Appends the next announced tensor's data; the caller's tensor is left as it was.</summary>
    public void WriteNext(string name, Tensor tensor)
    {
        var spec = Expect(name);
        if (_written > 0)
            throw new InvalidOperationException($"{Path}: tensor '{name}' is already partly written; continue it with {nameof(WritePart)}");
        if (tensor.dtype != spec.DType || !tensor.shape.SequenceEqual(spec.Shape))
            throw new ArgumentException($"{Path}: tensor '{name}' is {tensor.dtype} [{string.Join(", ", tensor.shape)}] but was announced as {spec.DType} [{string.Join(", ", spec.Shape)}]", nameof(tensor));

        Tensor? owned = null;
        if (tensor.device_type != DeviceType.CPU || !tensor.is_contiguous())
        {
            using var onCpu = tensor.cpu();
            owned = onCpu.contiguous();
        }
        try
        {
            var source = owned ?? tensor;
            var data = TensorMemory.DataPointer(source);
            var length = TensorMemory.ByteLength(source);
            for (long done = 0; done < length; done += ChunkBytes)
                WritePart(name, new ReadOnlySpan<byte>(data + done, (int)Math.Min(ChunkBytes, length - done)));
            if (length == 0) WritePart(name, []);
        }
        finally
        {
            owned?.Dispose();
        }
    }

    /// <summary>
    /// Appends the next piece of the next announced tensor's stored bytes (little-endian, in its announced dtype), so
    /// a tensor can be produced slice by slice; the tensor is complete once all its bytes have arrived.
    /// </summary>
    public void WritePart(string name, ReadOnlySpan<byte> data)
    {
        var spec = Expect(name);
        long total = SafeTensorsHeader.DataLength(spec);
        if (_written + data.Length > total)
            throw new ArgumentException($"{Path}: tensor '{name}' has {total} bytes but {_written + data.Length} were written", nameof(data));
        _file.Stream.Write(data);
        _written += data.Length;
        if (_written < total) return;
        _written = 0;
        _next++;
    }

    private SafeTensorSpec Expect(string name)
    {
        if (_next >= _tensors.Length)
            throw new InvalidOperationException($"{Path}: tensor '{name}' was not announced; all {_tensors.Length} tensors are already written");
        var spec = _tensors[_next];
        if (name != spec.Name)
            throw new InvalidOperationException($"{Path}: expected tensor '{spec.Name}' next, got '{name}'");
        return spec;
    }

    /// <summary>Flushes the file to disk and moves it into place.</summary>
    public void Complete()
    {
        if (_next < _tensors.Length)
            throw new InvalidOperationException($"{Path}: tensor '{_tensors[_next].Name}' and {_tensors.Length - _next - 1} after it were announced but not {(_written > 0 ? "fully " : "")}written");
        _file.Commit();
    }

    public void Dispose() => _file.Dispose();
}
