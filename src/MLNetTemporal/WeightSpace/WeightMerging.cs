using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetTemporal.WeightSpace;

/// <summary>
/// Merges of several vectors as pure functions over one tensor name at a time (mergekit's generalized task
/// arithmetic), shared by in-memory vectors and the streaming combiner.
/// </summary>
public static class WeightMerging
{
    /// <summary>The merged delta of one tensor from the vectors' deltas <paramref name="deltas"/> and weights.</summary>
    public static Tensor MergeTensor(string name, IReadOnlyList<Tensor> deltas, IReadOnlyList<double> weights, MergeOptions options)
    {
        options.Validate();
        if (deltas.Count == 0 || deltas.Count != weights.Count)
            throw new ArgumentException($"tensor '{name}': {deltas.Count} deltas but {weights.Count} weights");
        var output = deltas[0].dtype;
        if (options.Method == MergeMethod.Linear)
            return TensorCombination.Combine(deltas, [.. weights.Select(w => w * options.Lambda)], output);

        using var scope = NewDisposeScope();
        var accumulate = TensorCombination.AccumulationType(deltas.Select(d => d.dtype));
        var sparse = deltas.Select((d, i) => options.Method == MergeMethod.Ties
            ? KeepLargest(d.to(accumulate), options.Density)
            : DropAtRandom(d.to(accumulate), options.Density, Seed(options.Seed, name, i))).ToList();
        var stacked = stack(sparse);
        var w = tensor(weights.ToArray(), accumulate).view([weights.Count, .. Enumerable.Repeat(1L, (int)deltas[0].dim())]);
        var weighted = stacked * w;
        Tensor merged;
        if (options.Method == MergeMethod.Ties || options.SignConsensus)
        {
            // mergekit get_mask(method="sum"): the elected sign is that of the weighted sum (ties go positive);
            // entries trimmed to zero have sign 0 and never agree.
            var elected = weighted.sum(dim: 0).ge(0).to(accumulate) * 2 - 1;
            var agree = weighted.sign().eq(elected).to(accumulate);
            merged = (weighted * agree).sum(dim: 0);
            if (options.Normalize)
            {
                var divisor = (w * agree).sum(dim: 0);
                divisor = where(divisor.abs().lt(1e-8), ones_like(divisor), divisor);
                merged = merged / divisor;
            }
        }
        else
        {
            merged = weighted.sum(dim: 0);
        }
        if (options.Lambda != 1) merged = merged * options.Lambda;
        return merged.to(output).MoveToOuterDisposeScope();
    }

    /// <summary>Merges whole vectors tensor by tensor.</summary>
    public static WeightVector Merge(IReadOnlyList<WeightVector> vectors, IReadOnlyList<double> weights, MergeOptions options)
    {
        options.Validate();
        if (vectors.Count == 0 || vectors.Count != weights.Count)
            throw new ArgumentException($"{vectors.Count} vectors but {weights.Count} weights", nameof(weights));
        var baseHash = WeightVectorMetadata.CommonBase(vectors.Select(v => v.Metadata));
        WeightVector.CheckAligned(vectors);
        return WeightVector.FromTensors(
            vectors[0].Names.Select(name =>
            {
                using var merged = MergeTensor(name, [.. vectors.Select(v => v[name])], weights, options);
                return new KeyValuePair<string, Tensor>(name, merged.clone());
            }).ToList(),
            new WeightVectorMetadata { BaseHash = baseHash, Coefficients = $"{options.Method.ToString().ToLowerInvariant()}(density={options.Density}) of {vectors.Count} vectors" });
    }

    /// <summary>mergekit's magnitude sparsification: keep the <c>int(density * n)</c> entries of largest magnitude.</summary>
    internal static Tensor KeepLargest(Tensor t, double density)
    {
        if (density >= 1) return t;
        long k = (long)(density * t.NumberOfElements);
        if (k <= 0) return zeros_like(t);
        var flat = t.flatten();
        var (_, indices) = flat.abs().topk(checked((int)k));
        var mask = zeros_like(flat).index_fill_(0, indices, 1.0);
        return (flat * mask).view(t.shape);
    }

    /// <summary>mergekit's bernoulli sparsification with rescaling: keep each entry with probability density, divide by density.</summary>
    internal static Tensor DropAtRandom(Tensor t, double density, ulong seed)
    {
        if (density >= 1) return t;
        var generator = new Generator(seed, CPU);
        var keep = rand(t.shape, t.dtype, generator: generator).lt(density).to(t.dtype);
        return t * keep / density;
    }

    /// <summary>A seed per (run seed, tensor name, vector) that does not depend on string hashing randomisation.</summary>
    internal static ulong Seed(long seed, string name, int vector)
    {
        ulong h = 14695981039346656037UL ^ (ulong)seed;
        foreach (var b in Encoding.UTF8.GetBytes(name)) h = (h ^ b) * 1099511628211UL;
        return (h ^ (ulong)vector) * 1099511628211UL;
    }
}
