using System.Buffers.Binary;
using System.Collections.ObjectModel;
using System.IO.MemoryMappedFiles;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetTemporal.Checkpoints;

/// <summary>
/// A safetensors file mapped into memory. The header is validated on <see cref="Open"/>; tensor data is copied out
/// of the mapping only when read, so files larger than memory (and larger than 2 GB) can be used piecewise.
/// </summary>
public sealed unsafe class SafeTensorsFile : IDisposable
{
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private byte* _base;

    private SafeTensorsFile(string path, MemoryMappedFile map, MemoryMappedViewAccessor view, byte* basePointer,
        List<SafeTensorInfo> tensors, Dictionary<string, string> metadata)
    {
        Path = path;
        _map = map;
        _view = view;
        _base = basePointer;
        var ordered = new OrderedDictionary<string, SafeTensorInfo>(StringComparer.Ordinal);
        foreach (var t in tensors) ordered.Add(t.Name, t);
        Tensors = new ReadOnlyDictionary<string, SafeTensorInfo>(ordered);
        Metadata = new ReadOnlyDictionary<string, string>(metadata);
    }

    public string Path { get; }

    /// <summary>The tensors in the order their data lies in the file.</summary>
    public IReadOnlyDictionary<string, SafeTensorInfo> Tensors { get; }

    /// <summary>The header's <c>__metadata__</c> map (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a well-formed safetensors file.</exception>
    public static SafeTensorsFile Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        FileStream? stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            var fileLength = stream.Length;
            if (fileLength < 8) throw CheckpointError.Format(full, null, $"file has {fileLength} bytes, too short for the 8-byte header length");
            Span<byte> prefix = stackalloc byte[8];
            stream.ReadExactly(prefix);
            var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
            if (headerLength > SafeTensorsHeader.MaxHeaderBytes)
                throw CheckpointError.Format(full, null, $"header length {headerLength} exceeds the {SafeTensorsHeader.MaxHeaderBytes}-byte limit");
            if ((long)headerLength > fileLength - 8)
                throw CheckpointError.Format(full, null, $"header length {headerLength} runs past the end of the {fileLength}-byte file; the file may be truncated");

            var header = new byte[headerLength];
            stream.ReadExactly(header);
            var (tensors, metadata) = SafeTensorsHeader.Parse(full, header, fileLength);

            var map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            stream = null;
            MemoryMappedViewAccessor? view = null;
            try
            {
                view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
                byte* pointer = null;
                view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
                return new SafeTensorsFile(full, map, view, pointer + view.PointerOffset, tensors, metadata);
            }
            catch
            {
                view?.Dispose();
                map.Dispose();
                throw;
            }
        }
        finally
        {
            stream?.Dispose();
        }
    }

    /// <summary>
    /// Copies one tensor out of the mapping into a new tensor, converted to <paramref name="asType"/> and moved to
    /// <paramref name="device"/> when given.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The file holds no tensor named <paramref name="name"/>.</exception>
    public Tensor Read(string name, Device? device = null, ScalarType? asType = null)
    {
        var info = Find(name);
        var raw = torch.empty(info.Shape, info.DType);
        try
        {
            if (info.Length > 0) Buffer.MemoryCopy(Base + info.Offset, TensorMemory.DataPointer(raw), info.Length, info.Length);
            var type = asType ?? info.DType;
            if (type == info.DType && (device is null || device.type == DeviceType.CPU)) return raw;
            var converted = raw.to(type, device ?? CPU);
            raw.Dispose();
            return converted;
        }
        catch
        {
            raw.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The stored bytes of one tensor (little-endian), valid until this file is disposed. Tensors over 2 GB cannot
    /// be spanned; read those with <see cref="Read"/>.
    /// </summary>
    public ReadOnlySpan<byte> GetBytes(string name)
    {
        var info = Find(name);
        if (info.Length > int.MaxValue)
            throw new NotSupportedException($"{Path}: tensor '{name}' has {info.Length} bytes, more than a span can hold; use Read");
        return new ReadOnlySpan<byte>(Base + info.Offset, (int)info.Length);
    }

    /// <summary>Address of a tensor's first stored byte in the mapping, valid until this file is disposed.</summary>
    internal byte* DataPointer(string name) => Base + Find(name).Offset;

    public void Dispose()
    {
        if (_base is null) return;
        _base = null;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
    }

    private byte* Base => _base is not null ? _base : throw new ObjectDisposedException(nameof(SafeTensorsFile), $"{Path} is closed");

    private SafeTensorInfo Find(string name) =>
        Tensors.TryGetValue(name, out var info)
            ? info
            : throw new KeyNotFoundException($"{Path}: no tensor named '{name}' ({Tensors.Count} tensors in the file)");
}
