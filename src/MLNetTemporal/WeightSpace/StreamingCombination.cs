using System.Diagnostics;
using MLNetTemporal.Checkpoints;
using static TorchSharp.torch;

namespace MLNetTemporal.WeightSpace;

/// <summary>Where a streaming combination is: tensors written so far, of how many, and the last one.</summary>
public readonly record struct StreamingProgress(int Done, int Total, string Tensor, long BytesWritten);

/// <summary>What a streaming combination wrote and read, and how long it took.</summary>
public sealed record StreamingResult(string Path, int Tensors, long BytesRead, long BytesWritten, TimeSpan Elapsed);

/// <summary>
/// Out-of-core weight arithmetic: checkpoints and vectors are read tensor by tensor from memory-mapped safetensors
/// and the result streamed to the output file, so memory holds a few tensors at a time however large the model.
/// Uses the same per-tensor kernels as <see cref="WeightVector"/>, so results are identical bit for bit. The output
/// appears only when complete.
/// </summary>
public static class StreamingCombination
{
    /// <summary>
    /// <c>output[k] = sum_i c_i * input_i[k]</c> for every floating-point tensor (e.g. interpolating two checkpoints
    /// with 0.3, 0.7, or a base plus time vectors with 1, lambda...); other tensors are copied from the first input.
    /// Each tensor keeps the first input's dtype.
    /// </summary>
    public static StreamingResult Combine(string output, IReadOnlyList<string> inputs, IReadOnlyList<double> coefficients,
        IReadOnlyDictionary<string, string>? metadata = null, IProgress<StreamingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (inputs.Count == 0 || inputs.Count != coefficients.Count)
            throw new ArgumentException($"{inputs.Count} inputs but {coefficients.Count} coefficients", nameof(coefficients));
        return Run(output, inputs, metadata, (name, tensors) =>
            TensorCombination.Combine(tensors, coefficients, tensors[0].dtype), progress, cancellationToken);
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
        return Run(output, inputs, metadata, (name, tensors) =>
        {
            using var merged = WeightMerging.MergeTensor(name, tensors.Skip(skip).ToList(), weights, options);
            return skip == 0 ? merged.clone() : TensorCombination.Combine([tensors[0], merged], [1, 1], tensors[0].dtype);
        }, progress, cancellationToken);
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

    private static StreamingResult Run(string output, IReadOnlyList<string> inputs, IReadOnlyDictionary<string, string>? metadata,
        Func<string, IReadOnlyList<Tensor>, Tensor> combine, IProgress<StreamingProgress>? progress, CancellationToken cancellationToken)
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
                using var scope = NewDisposeScope();
                Tensor result;
                if (floating.Contains(name))
                {
                    var tensors = files.Select(f => f.Read(name)).ToList();
                    read += tensors.Sum(TensorMemory.ByteLength);
                    result = combine(name, tensors);
                }
                else
                {
                    result = first.Read(name);
                    read += TensorMemory.ByteLength(result);
                }
                writer.WriteNext(name, result);
                written += TensorMemory.ByteLength(result);
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
}
