using MLNetTemporal.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetTemporal.WeightSpace;

/// <summary>
/// Weight arithmetic on tensors: <c>sum_i c_i * t_i</c> for one tensor name. In-memory vectors, models and the
/// streaming combiner all run <see cref="CombinationKernel"/>, so their results agree bit for bit.
/// </summary>
public static class TensorCombination
{
    /// <summary>
    /// A new tensor of type <paramref name="output"/>. Accumulates in the widest of the input and output types (at
    /// least float32), so a float64 difference of float32 weights is exact and adding it back to the base gives the
    /// fine-tuned weights exactly.
    /// </summary>
    public static Tensor Combine(IReadOnlyList<Tensor> tensors, IReadOnlyList<double> coefficients, ScalarType output)
    {
        if (tensors.Count == 0) throw new ArgumentException("no tensors to combine", nameof(tensors));
        var result = empty(tensors[0].shape, output);
        try
        {
            if (TensorMemory.ByteLength(result) >= LargeBytes)
                unsafe { PageAdvice.PreferHugePages(TensorMemory.DataPointer(result), TensorMemory.ByteLength(result)); }
            CombineInto(result, tensors, coefficients);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes the combination into <paramref name="destination"/> (which may be one of the inputs, e.g. a model's
    /// parameter updated in place), without allocating a result: on the CPU the kernel writes straight into its storage.
    /// </summary>
    public static void CombineInto(Tensor destination, IReadOnlyList<Tensor> tensors, IReadOnlyList<double> coefficients)
    {
        if (tensors.Count == 0 || tensors.Count != coefficients.Count)
            throw new ArgumentException($"{tensors.Count} tensors but {coefficients.Count} coefficients", nameof(coefficients));
        for (int i = 0; i < tensors.Count; i++)
            if (!tensors[i].shape.SequenceEqual(destination.shape))
                throw new ArgumentException($"tensor {i} is [{string.Join(", ", tensors[i].shape)}] but the destination is [{string.Join(", ", destination.shape)}]", nameof(tensors));
        var kernel = new CombinationKernel([.. tensors.Select(t => t.dtype)], coefficients, destination.dtype);
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var sources = tensors.Select(OnCpu).ToList();
        var target = OnCpu(destination);
        unsafe
        {
            kernel.Run([.. sources.Select(t => (nint)TensorMemory.DataPointer(t))], (nint)TensorMemory.DataPointer(target),
                destination.NumberOfElements, get_num_threads(), bypassCache: TensorMemory.ByteLength(target) >= LargeBytes);
        }
        // Storage the kernel could not reach directly (another device, strides) is written back in one copy.
        if (!ReferenceEquals(target, destination)) destination.copy_(target);
    }

    // Outputs from this size on are written past the caches and get huge pages when fresh: several times a core's L2.
    private const long LargeBytes = 4 << 20;

    internal static ScalarType AccumulationType(IEnumerable<ScalarType> types) =>
        types.Any(t => t == ScalarType.Float64) ? ScalarType.Float64 : ScalarType.Float32;

    internal static bool IsFloating(ScalarType t) =>
        t is ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float32 or ScalarType.Float64;

    private static Tensor OnCpu(Tensor t) =>
        t.device_type == DeviceType.CPU && t.is_contiguous() ? t : t.detach().cpu().contiguous();
}
