using System.Diagnostics;
using System.Runtime.InteropServices;
using MLNetTemporal.Checkpoints;
using static TorchSharp.torch;

namespace MLNetTemporal.WeightSpace;

/// <summary>Where a streaming combination is: tensors written so far, of how many, and the last one.</summary>
public readonly record struct StreamingProgress(int Done, int Total, string Tensor, long BytesWritten);

/// <summary>What a streaming combination wrote and read, and how long it took.</summary>
public sealed record StreamingResult(string Path, int Tensors, long BytesRead, long BytesWritten, TimeSpan Elapsed);

/// <summary>
/// Out-of-core weight arithmetic: checkpoints and vectors are read straight from memory-mapped safetensors and the
/// result streamed to the output file, so memory stays bounded however large the model. <see cref="Combine"/> works
/// in slices of at most <see cref="DefaultSliceBytes"/> output bytes even inside one tensor; <see cref="Merge"/>
/// (TIES and DARE look at whole tensors) holds a few tensors at a time. Both use the same kernels as
/// <see cref="WeightVector"/>, so results are identical bit for bit. The output appears only when complete.
/// </summary>
public static class StreamingCombination
{
    /// <summary>Output bytes combined per slice: large enough for fast writes, small enough to bound memory by a few slices.</summary>
    public const int DefaultSliceBytes = 16 << 20;

    /// <summary>
    /// <c>output[k] = sum_i c_i * input_i[k]</c> for every floating-point tensor (e.g. interpolating two checkpoints
    /// with 0.3, 0.7, or a base plus time vectors with 1, lambda...); other tensors are copied from the first input.
    /// Each tensor keeps the first input's dtype. Memory use is one slice of <paramref name="sliceBytes"/>: the inputs
    /// are read in place from their mappings, and the pages of each slice are released once it is written.
    /// </summary>
    public static StreamingResult Combine(string output, IReadOnlyList<string> inputs, IReadOnlyList<double> coefficients,
        IReadOnlyDictionary<string, string>? metadata = null, IProgress<StreamingProgress>? progress = null, CancellationToken cancellationToken = default,
        int sliceBytes = DefaultSliceBytes)
    {
        if (inputs.Count == 0 || inputs.Count != coefficients.Count)
            throw new ArgumentException($"{inputs.Count} inputs but {coefficients.Count} coefficients", nameof(coefficients));
        if (sliceBytes < 8) throw new ArgumentOutOfRangeException(nameof(sliceBytes), sliceBytes, "a slice must hold at least one element");
        using var slice = new NativeBuffer(sliceBytes);
        return Run(output, inputs, metadata, (name, files, writer) =>
        {
            var types = files.Select(f => f.Tensors[name].DType).ToList();
            var kernel = new CombinationKernel(types, coefficients, types[0]);
            int size = ElementConversion.SizeOf(types[0]);
            long count = files[0].Tensors[name].Length / size, step = sliceBytes / size;
            int threads = get_num_threads();
            unsafe
            {
                var starts = files.Select(f => (nint)f.DataPointer(name)).ToArray();
                var sources = new nint[starts.Length];
                for (long done = 0; done < count; done += step)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    long n = Math.Min(step, count - done);
                    for (int i = 0; i < starts.Length; i++) sources[i] = starts[i] + (nint)(done * ElementConversion.SizeOf(types[i]));
                    kernel.Run(sources, (nint)slice.Pointer, n, threads);
                    writer.WritePart(name, new ReadOnlySpan<byte>(slice.Pointer, (int)(n * size)));
                    for (int i = 0; i < starts.Length; i++) PageAdvice.Release((byte*)sources[i], n * ElementConversion.SizeOf(types[i]));
                }
                if (count == 0) writer.WritePart(name, []);
            }
            return files.Sum(f => f.Tensors[name].Length);
        }, progress, cancellationToken, sliceBytes);
    }

    /// <summary>
    /// <c>output[k] = base[k] + merge(vectors[k])</c> with TIES, DARE or linear merging of the vectors' deltas; without
    /// a base, the merged vector itself.
    /// </summary>
    public static StreamingResult Merge(string output, string? baseCheckpoint, IReadOnlyList<string> vectors, IReadOnlyList<double> weights,
        MergeOptions options, IReadOnlyDictionary<string, string>? metadata = null, IProgress<StreamingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options.Validate();
        if (vectors.Count == 0 || vectors.Count != weights.Count)
            throw new ArgumentException($"{vectors.Count} vectors but {weights.Count} weights", nameof(weights));
        string[] inputs = baseCheckpoint is null ? [.. vectors] : [baseCheckpoint, .. vectors];
        int skip = baseCheckpoint is null ? 0 : 1;
        return Run(output, inputs, metadata, (name, files, writer) =>
        {
            using var scope = NewDisposeScope();
            var tensors = files.Select(f => f.Read(name)).ToList();
            var merged = WeightMerging.MergeTensor(name, tensors.Skip(skip).ToList(), weights, options);
            writer.WriteNext(name, skip == 0 ? merged : TensorCombination.Combine([tensors[0], merged], [1, 1], tensors[0].dtype));
            return tensors.Sum(TensorMemory.ByteLength);
        }, progress, cancellationToken, DefaultSliceBytes);
    }

    /// <summary>The safetensors file of a path: the file itself, or a folder's single model.safetensors.</summary>
    public static string ResolveFile(string path)
    {
        if (File.Exists(path)) return path;
        if (!Directory.Exists(path)) throw new FileNotFoundException($"no safetensors file or model folder at {path}", path);
        var single = Path.Combine(path, HuggingFaceCheckpoint.WeightsFile);
        if (File.Exists(single)) return single;
        if (File.Exists(Path.Combine(path, HuggingFaceCheckpoint.IndexFile)))
            throw new NotSupportedException($"{path}: sharded checkpoints are not streamed yet; merge the shards into one {HuggingFaceCheckpoint.WeightsFile}");
        throw new FileNotFoundException($"{path}: no {HuggingFaceCheckpoint.WeightsFile} in the folder", path);
    }

    /// <summary>Writes one floating-point tensor, the same in every input, and returns the bytes it read.</summary>
    private delegate long TensorWriter(string name, IReadOnlyList<SafeTensorsFile> files, SafeTensorsStreamWriter writer);

    private static StreamingResult Run(string output, IReadOnlyList<string> inputs, IReadOnlyDictionary<string, string>? metadata,
        TensorWriter writeFloating, IProgress<StreamingProgress>? progress, CancellationToken cancellationToken, int sliceBytes)
    {
        var clock = Stopwatch.StartNew();
        var files = new List<SafeTensorsFile>();
        try
        {
            foreach (var input in inputs) files.Add(SafeTensorsFile.Open(ResolveFile(input)));
            var first = files[0];
            var floating = first.Tensors.Values.Where(t => TensorCombination.IsFloating(t.DType)).Select(t => t.Name).ToHashSet();
            foreach (var file in files.Skip(1))
            {
                foreach (var name in floating)
                {
                    if (!file.Tensors.TryGetValue(name, out var info))
                        throw new InvalidDataException($"tensor '{name}' of {first.Path} is missing from {file.Path}");
                    if (!info.Shape.SequenceEqual(first.Tensors[name].Shape))
                        throw new InvalidDataException($"tensor '{name}' is [{string.Join(", ", first.Tensors[name].Shape)}] in {first.Path} but [{string.Join(", ", info.Shape)}] in {file.Path}");
                    if (!TensorCombination.IsFloating(info.DType))
                        throw new InvalidDataException($"tensor '{name}' is {info.DType} in {file.Path}, not a floating-point tensor as in {first.Path}");
                }
                foreach (var info in file.Tensors.Values)
                    if (TensorCombination.IsFloating(info.DType) && !floating.Contains(info.Name))
                        throw new InvalidDataException($"tensor '{info.Name}' of {file.Path} is not a floating-point tensor of {first.Path}");
            }

            var header = new Dictionary<string, string>(first.Metadata);
            if (metadata is not null) foreach (var (k, v) in metadata) header[k] = v;
            var specs = first.Tensors.Values.Select(t => new SafeTensorSpec(t.Name, t.DType, t.Shape)).ToList();
            long read = 0, written = 0;
            using var writer = new SafeTensorsStreamWriter(output, specs, header);
            for (int i = 0; i < specs.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var name = specs[i].Name;
                read += floating.Contains(name) ? writeFloating(name, files, writer) : CopyBytes(first, name, writer, sliceBytes);
                written += first.Tensors[name].Length;
                progress?.Report(new StreamingProgress(i + 1, specs.Count, name, written));
            }
            writer.Complete();
            return new StreamingResult(writer.Path, specs.Count, read, written, clock.Elapsed);
        }
        finally
        {
            foreach (var f in files) f.Dispose();
        }
    }

    // Integer buffers (e.g. position ids) go from the mapping to the output unchanged.
    private static unsafe long CopyBytes(SafeTensorsFile file, string name, SafeTensorsStreamWriter writer, int sliceBytes)
    {
        var start = file.DataPointer(name);
        long length = file.Tensors[name].Length;
        for (long done = 0; done < length; done += sliceBytes)
            writer.WritePart(name, new ReadOnlySpan<byte>(start + done, (int)Math.Min(sliceBytes, length - done)));
        if (length == 0) writer.WritePart(name, []);
        return length;
    }

    /// <summary>Native memory for one slice of output, aligned for vector stores.</summary>
    private sealed unsafe class NativeBuffer(int bytes) : IDisposable
    {
        public byte* Pointer { get; private set; } = (byte*)NativeMemory.AlignedAlloc((nuint)bytes, 64);

        public void Dispose()
        {
            NativeMemory.AlignedFree(Pointer);
            Pointer = null;
        }
    }
}
