using TorchSharp;
using static TorchSharp.torch;

namespace MLNetTemporal.WeightSpace;

/// <summary>
/// The one kernel of weight arithmetic: <c>sum_i c_i * t_i</c> for one tensor name. In-memory vectors and the
/// streaming combiner both call it, so their results agree bit for bit.
/// </summary>
public static class TensorCombination
{
    /// <summary>
    /// Accumulates in the widest of the input and output types (at least float32), so a float64 difference of float32
    /// weights is exact and adding it back to the base gives the fine-tuned weights exactly; then converts to
    /// <paramref name="output"/>.
    /// </summary>
    public static Tensor Combine(IReadOnlyList<Tensor> tensors, IReadOnlyList<double> coefficients, ScalarType output)
    {
        if (tensors.Count == 0 || tensors.Count != coefficients.Count)
            throw new ArgumentException($"{tensors.Count} tensors but {coefficients.Count} coefficients");
        var accumulate = AccumulationType([.. tensors.Select(t => t.dtype), output]);
        using var scope = NewDisposeScope();
        // Interpolation (two weights summing to one) is a single fused pass; lerp returns either end exactly at 0 and 1.
        if (tensors.Count == 2 && coefficients[0] + coefficients[1] == 1 && tensors.All(t => t.dtype == accumulate))
        {
            var mixed = lerp(tensors[1], tensors[0], coefficients[0]);
            return (mixed.dtype == output ? mixed : mixed.to(output)).MoveToOuterDisposeScope();
        }
        var sum = coefficients[0] == 1 ? tensors[0].to(accumulate, copy: true) : tensors[0].to(accumulate).mul(coefficients[0]);
        for (int i = 1; i < tensors.Count; i++)
            if (coefficients[i] != 0) sum.add_(tensors[i].to(accumulate), alpha: coefficients[i]);
        return (sum.dtype == output ? sum : sum.to(output)).MoveToOuterDisposeScope();
    }

    internal static ScalarType AccumulationType(IEnumerable<ScalarType> types) =>
        types.Any(t => t == ScalarType.Float64) ? ScalarType.Float64 : ScalarType.Float32;

    internal static bool IsFloating(ScalarType t) =>
        t is ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float32 or ScalarType.Float64;
}
