using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetTemporal.WeightSpace;

/// <summary>
/// A direction in weight space: named tensors on the CPU, owned by this object, in the model's order. A time or
/// task vector (<c>ft - base</c>, or any combination of them) holds every floating-point tensor of the model once
/// (tied weights once; integer buffers are not included); a gradient (<see cref="Gradient"/>) holds the trainable
/// parameters only. Arithmetic returns new vectors; mismatched names, shapes, dtypes or bases are errors that name
/// the tensor.
/// </summary>
public sealed partial class WeightVector : IDisposable
{
    private readonly OrderedDictionary<string, Tensor> _tensors;

    private WeightVector(OrderedDictionary<string, Tensor> tensors, WeightVectorMetadata metadata)
    {
        _tensors = tensors;
        Metadata = metadata;
    }

    public WeightVectorMetadata Metadata { get; }
    public IReadOnlyList<string> Names => [.. _tensors.Keys];
    public int Count => _tensors.Count;
    public long ElementCount => _tensors.Values.Sum(t => t.NumberOfElements);
    public Tensor this[string name] => _tensors.TryGetValue(name, out var t) ? t : throw new KeyNotFoundException($"the vector has no tensor '{name}'");
    public IEnumerable<KeyValuePair<string, Tensor>> Tensors => _tensors;

    /// <summary>A copy of <paramref name="tensors"/> (floating-point ones only) as a vector.</summary>
    public static WeightVector FromTensors(IEnumerable<KeyValuePair<string, Tensor>> tensors, WeightVectorMetadata? metadata = null) =>
        Build(metadata, copied =>
        {
            foreach (var (name, t) in tensors)
            {
                if (!TensorCombination.IsFloating(t.dtype)) continue;
                if (!copied.TryAdd(name, t.detach().cpu().clone())) throw new ArgumentException($"tensor '{name}' appears twice");
            }
        });

    /// <summary>
    /// <c>fineTuned - base</c> over every floating-point tensor, stored as <paramref name="deltaType"/> (float64 by
    /// default: the difference of two float32 weights is then exact, so applying it gives the fine-tuned weights back).
    /// </summary>
    public static WeightVector Difference(IReadOnlyDictionary<string, Tensor> fineTuned, IReadOnlyDictionary<string, Tensor> baseTensors,
        WeightVectorMetadata? metadata = null, ScalarType deltaType = ScalarType.Float64)
    {
        foreach (var name in baseTensors.Keys)
            if (TensorCombination.IsFloating(baseTensors[name].dtype) && !fineTuned.ContainsKey(name))
                throw new ArgumentException($"tensor '{name}' is in the base model but not in the fine-tuned one");
        return Build(metadata, deltas =>
        {
            foreach (var (name, ft) in fineTuned)
            {
                if (!TensorCombination.IsFloating(ft.dtype)) continue;
                if (!baseTensors.TryGetValue(name, out var b)) throw new ArgumentException($"tensor '{name}' is in the fine-tuned model but not in the base");
                CheckSame(name, ft, b, "fine-tuned", "base");
                using var scope = NewDisposeScope();
                deltas.Add(name, TensorCombination.Combine([ft.detach().cpu(), b.detach().cpu()], [1, -1], deltaType).MoveToOuterDisposeScope());
            }
        });
    }

    /// <summary>The time/task vector of a fine-tuned model: its weights minus the base's, tagged with the base's hash.</summary>
    public static WeightVector Difference(LanguageModels.LanguageModel fineTuned, LanguageModels.LanguageModel baseModel,
        WeightVectorMetadata? metadata = null, ScalarType deltaType = ScalarType.Float64) =>
        Difference(ModelWeights.Of(fineTuned), ModelWeights.Of(baseModel),
            (metadata ?? new WeightVectorMetadata()) with { BaseHash = ModelWeights.Hash(baseModel) }, deltaType);

    /// <summary>
    /// The current gradients of the model's trainable parameters (<see cref="ModelWeights.Trainable"/>) as a float32
    /// vector, zero where a parameter has none: the trainable-only vector that task spaces compare and mask.
    /// Non-finite gradients are an error naming the tensor.
    /// </summary>
    public static WeightVector Gradient(LanguageModels.LanguageModel model) =>
        Build(null, gradients =>
        {
            foreach (var (name, p) in ModelWeights.Trainable(model))
                gradients.Add(name, p.grad is { } g ? g.detach().to(ScalarType.Float32, CPU, copy: true) : zeros(p.shape, ScalarType.Float32));
        });

    /// <summary>
    /// A vector of the tensors <paramref name="fill"/> makes, checked finite; the tensors already made are disposed
    /// when a later one or the check fails.
    /// </summary>
    private static WeightVector Build(WeightVectorMetadata? metadata, Action<OrderedDictionary<string, Tensor>> fill)
    {
        var tensors = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            fill(tensors);
            var vector = new WeightVector(tensors, metadata ?? new WeightVectorMetadata());
            vector.EnsureFinite();
            return vector;
        }
        catch
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw;
        }
    }

    /// <summary><c>sum_i c_i * v_i</c>, tensor by tensor; the vectors must share names, shapes, dtypes and base.</summary>
    public static WeightVector Combine(IReadOnlyList<WeightVector> vectors, IReadOnlyList<double> coefficients, WeightVectorMetadata? metadata = null)
    {
        if (vectors.Count == 0) throw new ArgumentException("no vectors to combine", nameof(vectors));
        if (vectors.Count != coefficients.Count)
            throw new ArgumentException($"{vectors.Count} vectors but {coefficients.Count} coefficients", nameof(coefficients));
        foreach (var c in coefficients)
            if (!double.IsFinite(c)) throw new ArgumentOutOfRangeException(nameof(coefficients), c, "coefficients must be finite");
        var baseHash = WeightVectorMetadata.CommonBase(vectors.Select(v => v.Metadata));
        CheckAligned(vectors);
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var name in vectors[0]._tensors.Keys)
            result.Add(name, TensorCombination.Combine([.. vectors.Select(v => v._tensors[name])], coefficients, vectors[0]._tensors[name].dtype));
        return new WeightVector(result, metadata ?? new WeightVectorMetadata
        {
            BaseHash = baseHash,
            Coefficients = Describe(vectors, coefficients),
        });
    }

    public WeightVector Add(WeightVector other) => Combine([this, other], [1, 1]);
    public WeightVector Subtract(WeightVector other) => Combine([this, other], [1, -1]);
    public WeightVector Scale(double factor) => Combine([this], [factor]);
    public WeightVector Negate() => Scale(-1);

    /// <summary><c>alpha * a + (1 - alpha) * b</c> (METHODS.md: interpolation between two periods).</summary>
    public static WeightVector Interpolate(WeightVector a, WeightVector b, double alpha) => Combine([a, b], [alpha, 1 - alpha]);

    /// <summary>Task analogy: <c>a1 * tau_task_i + a2 * tau_lm_j - a3 * tau_lm_i</c>.</summary>
    public static WeightVector Analogy(WeightVector taskI, WeightVector lmJ, WeightVector lmI, double a1, double a2, double a3) =>
        Combine([taskI, lmJ, lmI], [a1, a2, -a3]);

    /// <summary>The uniform soup: the mean of the vectors.</summary>
    public static WeightVector UniformSoup(IReadOnlyList<WeightVector> vectors) =>
        Combine(vectors, [.. Enumerable.Repeat(1.0 / vectors.Count, vectors.Count)]);

    /// <summary>An independent copy.</summary>
    public WeightVector Clone() => Combine([this], [1], Metadata);

    /// <summary>A copy with other metadata.</summary>
    public WeightVector WithMetadata(WeightVectorMetadata metadata) => Combine([this], [1], metadata);

    /// <summary>Throws, naming the tensor, when any value is NaN or infinite.</summary>
    public void EnsureFinite()
    {
        foreach (var (name, t) in _tensors)
        {
            using var finite = t.isfinite().all();
            if (!finite.item<bool>()) throw new InvalidDataException($"tensor '{name}' of the weight vector{(Metadata.Period is null ? "" : $" for period {Metadata.Period}")} holds NaN or infinite values");
        }
    }

    public void Dispose()
    {
        foreach (var t in _tensors.Values) t.Dispose();
        _tensors.Clear();
    }

    internal static void CheckSame(string name, Tensor a, Tensor b, string aLabel, string bLabel)
    {
        if (!a.shape.SequenceEqual(b.shape))
            throw new ArgumentException($"tensor '{name}' is [{string.Join(", ", a.shape)}] in the {aLabel} but [{string.Join(", ", b.shape)}] in the {bLabel}");
        if (a.dtype != b.dtype)
            throw new ArgumentException($"tensor '{name}' is {a.dtype} in the {aLabel} but {b.dtype} in the {bLabel}");
    }

    internal static void CheckAligned(IReadOnlyList<WeightVector> vectors)
    {
        var first = vectors[0];
        for (int i = 1; i < vectors.Count; i++)
        {
            var other = vectors[i];
            foreach (var name in first._tensors.Keys)
            {
                if (!other._tensors.TryGetValue(name, out var t)) throw new ArgumentException($"tensor '{name}' is in vector 0 but not in vector {i}");
                CheckSame(name, first._tensors[name], t, "vector 0", $"vector {i}");
            }
            foreach (var name in other._tensors.Keys)
                if (!first._tensors.ContainsKey(name)) throw new ArgumentException($"tensor '{name}' is in vector {i} but not in vector 0");
        }
    }

    private static string Describe(IReadOnlyList<WeightVector> vectors, IReadOnlyList<double> coefficients) =>
        string.Join(" + ", vectors.Select((v, i) => $"{coefficients[i].ToString("G6", CultureInfo.InvariantCulture)}*{v.Metadata.Period ?? v.Metadata.Coefficients ?? $"v{i}"}"));
}
