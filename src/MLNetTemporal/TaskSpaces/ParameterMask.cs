using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetTemporal.TaskSpaces;

/// <summary>
/// A subset of a model's parameter entries (flat bool mask in <see cref="ParameterLayout"/> order): the entries FTGD
/// may change. Chosen globally over all parameters, not per tensor, so layers where the task's signal is strong
/// get more of the budget.
/// </summary>
public sealed class ParameterMask : IDisposable
{
    private ParameterMask(ParameterLayout layout, Tensor flat, long kept)
    {
        Layout = layout;
        Flat = flat;
        Kept = kept;
    }

    public ParameterLayout Layout { get; }

    /// <summary>True where the entry is kept (bool, CPU, flat).</summary>
    public Tensor Flat { get; }

    /// <summary>How many entries are kept: exactly k = max(1, round(fraction x total)).</summary>
    public long Kept { get; }

    public double Fraction => (double)Kept / Layout.Total;

    /// <summary>How many entries a top-k mask keeps for a fraction of <paramref name="total"/> entries.</summary>
    public static long KeptFor(double fraction, long total)
    {
        if (fraction is <= 0 or > 1 || double.IsNaN(fraction))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "TopKFraction must be in (0, 1]");
        return Math.Clamp((long)Math.Round(fraction * total), 1, total);
    }

    /// <summary>The k entries of largest |value| (ties broken by the sort, so exactly k are kept).</summary>
    internal static ParameterMask TopK(ParameterVector scores, double fraction)
    {
        long k = KeptFor(fraction, scores.Layout.Total);
        using var scope = NewDisposeScope();
        var (_, indices) = scores.Values.abs().topk(checked((int)k), sorted: false);
        var flat = zeros(scores.Layout.Total, ScalarType.Bool);
        flat.index_fill_(0, indices, true);
        return new ParameterMask(scores.Layout, flat.MoveToOuterDisposeScope(), k);
    }

    /// <summary>Entries kept by both masks, as a fraction of the entries this mask keeps.</summary>
    public double Overlap(ParameterMask other)
    {
        Layout.CheckSame(other.Layout, "mask overlap");
        using var scope = NewDisposeScope();
        return Flat.logical_and(other.Flat).sum().item<long>() / (double)Kept;
    }

    /// <summary>Per-parameter float masks on the parameters' devices, for multiplying gradients in place.</summary>
    internal Tensor[] Split(IReadOnlyList<Parameter> parameters)
    {
        var result = new Tensor[parameters.Count];
        for (int i = 0; i < parameters.Count; i++)
        {
            using var scope = NewDisposeScope();
            long start = Layout.Offsets[i], end = Layout.Offsets[i + 1];
            result[i] = Flat[TensorIndex.Slice(start, end)].reshape(Layout.Shapes[i]).to(parameters[i].dtype).to(parameters[i].device).MoveToOuterDisposeScope();
        }
        return result;
    }

    public void Dispose() => Flat.Dispose();
}
