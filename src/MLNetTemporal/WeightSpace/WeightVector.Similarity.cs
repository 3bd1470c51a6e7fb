using static TorchSharp.torch;

namespace MLNetTemporal.WeightSpace;

public sealed partial class WeightVector
{
    /// <summary>Dot product of the flattened vectors (float64), over the tensors <paramref name="include"/> selects.</summary>
    public static double Dot(WeightVector a, WeightVector b, Func<string, bool>? include = null)
    {
        CheckAligned([a, b]);
        double sum = 0;
        foreach (var (name, t) in a._tensors)
        {
            if (include is not null && !include(name)) continue;
            using var scope = NewDisposeScope();
            sum += t.to(ScalarType.Float64).flatten().dot(b._tensors[name].to(ScalarType.Float64).flatten()).item<double>();
        }
        return sum;
    }

    /// <summary>Euclidean norm of the flattened vector.</summary>
    public double Norm(Func<string, bool>? include = null) => Math.Sqrt(Dot(this, this, include));

    /// <summary>
    /// Cosine of the flattened concatenations, in one pass. NaN when either is zero over the selection: the angle
    /// is undefined there, and NaN keeps it out of what is computed from the cosines (a task space's clustering and
    /// grouping test skip NaN entries, as they do a transfer row without gain) instead of counting it as orthogonal.
    /// </summary>
    public static double Cosine(WeightVector a, WeightVector b, Func<string, bool>? include = null)
    {
        CheckAligned([a, b]);
        double dot = 0, aa = 0, bb = 0;
        foreach (var (name, t) in a._tensors)
        {
            if (include is not null && !include(name)) continue;
            using var scope = NewDisposeScope();
            var x = t.to(ScalarType.Float64).flatten();
            var y = b._tensors[name].to(ScalarType.Float64).flatten();
            dot += x.dot(y).item<double>();
            aa += x.dot(x).item<double>();
            bb += y.dot(y).item<double>();
        }
        return aa == 0 || bb == 0 ? double.NaN : dot / (Math.Sqrt(aa) * Math.Sqrt(bb));
    }

    /// <summary>Squared Euclidean distance <c>||a - b||^2</c>.</summary>
    public static double SquaredDistance(WeightVector a, WeightVector b, Func<string, bool>? include = null)
    {
        CheckAligned([a, b]);
        double sum = 0;
        foreach (var (name, t) in a._tensors)
        {
            if (include is not null && !include(name)) continue;
            using var scope = NewDisposeScope();
            sum += (t.to(ScalarType.Float64) - b._tensors[name].to(ScalarType.Float64)).square().sum().item<double>();
        }
        return sum;
    }

    /// <summary>Cosine and squared distance for the whole model, each tensor group and each layer.</summary>
    public static IReadOnlyList<WeightSimilarity> Similarities(WeightVector a, WeightVector b)
    {
        var subsets = new List<(string, Func<string, bool>?)> { ("all", null) };
        foreach (var g in Enum.GetValues<TensorGroup>())
            if (a.Names.Any(n => TensorGroups.Of(n) == g)) subsets.Add((g.ToString().ToLowerInvariant(), n => TensorGroups.Of(n) == g));
        foreach (var layer in a.Names.Select(TensorGroups.LayerOf).OfType<int>().Distinct().Order())
            subsets.Add(($"layer{layer}", n => TensorGroups.LayerOf(n) == layer));
        return [.. subsets.Select(s => new WeightSimilarity(s.Item1, Cosine(a, b, s.Item2), SquaredDistance(a, b, s.Item2), a.Norm(s.Item2), b.Norm(s.Item2)))];
    }
}

/// <summary>How two vectors compare over one subset of tensors.</summary>
public sealed record WeightSimilarity(string Subset, double Cosine, double SquaredDistance, double NormA, double NormB);
