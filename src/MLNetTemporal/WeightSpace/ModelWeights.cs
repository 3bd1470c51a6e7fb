using System.Security.Cryptography;
using MLNetTemporal.Checkpoints;
using MLNetTemporal.LanguageModels;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetTemporal.WeightSpace;

/// <summary>Weight vectors meet models here: a model's tensors, its content hash, and vectors applied to a base.</summary>
public static class ModelWeights
{
    /// <summary>The model's parameters and persistent buffers by Hugging Face name (tied weights once), live, in the model's order.</summary>
    public static OrderedDictionary<string, Tensor> Of(LanguageModel model) => model.Module.NamedTensors();

    /// <summary>
    /// The parameters that receive gradients (tied weights once), live, in the model's order: what a gradient vector
    /// (<see cref="WeightVector.Gradient"/>) covers and what a mask taken from it restricts.
    /// </summary>
    public static OrderedDictionary<string, Parameter> Trainable(LanguageModel model)
    {
        var trainable = new OrderedDictionary<string, Parameter>(StringComparer.Ordinal);
        foreach (var (name, p) in model.Module.named_parameters())
            if (p.requires_grad) trainable.Add(name, p);
        return trainable;
    }

    /// <summary>
    /// A hash of every floating-point tensor's name, shape, dtype and bytes (16 hex digits): two models with the same
    /// hash have the same weights, so vectors taken from one apply to the other.
    /// </summary>
    public static unsafe string Hash(LanguageModel model)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, tensor) in Of(model))
        {
            if (!TensorCombination.IsFloating(tensor.dtype)) continue;
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{name}|{tensor.dtype}|{string.Join(",", tensor.shape)}|"));
            using var cpu = tensor.detach().cpu().contiguous();
            var pointer = TensorMemory.DataPointer(cpu);
            var length = TensorMemory.ByteLength(cpu);
            for (long done = 0; done < length; done += 1 << 24)
                hash.AppendData(new ReadOnlySpan<byte>(pointer + done, (int)Math.Min(1 << 24, length - done)));
        }
        return Convert.ToHexString(hash.GetHashAndReset())[..16].ToLowerInvariant();
    }

    /// <summary>
    /// A new model <c>theta_base + sum_i lambda_i * tau_i</c> (the base is not modified). Every vector must come from
    /// this base (same hash when recorded) and cover exactly its floating-point tensors.
    /// </summary>
    public static LanguageModel Apply(LanguageModel baseModel, IReadOnlyList<WeightVector> vectors, IReadOnlyList<double> coefficients)
    {
        if (vectors.Count != coefficients.Count)
            throw new ArgumentException($"{vectors.Count} vectors but {coefficients.Count} coefficients", nameof(coefficients));
        CheckBase(baseModel, vectors);
        var model = baseModel.Clone();
        try
        {
            using var guard = no_grad();
            foreach (var (name, target) in Of(model))
            {
                if (!TensorCombination.IsFloating(target.dtype)) continue;
                TensorCombination.CombineInto(target, [target, .. vectors.Select(v => v[name])], [1, .. coefficients]);
            }
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary><c>theta_base + lambda * tau</c>.</summary>
    public static LanguageModel Apply(LanguageModel baseModel, WeightVector vector, double coefficient = 1) =>
        Apply(baseModel, [vector], [coefficient]);

    /// <summary>Throws, naming the tensor or the hashes, when a vector does not belong to <paramref name="baseModel"/>.</summary>
    public static void CheckBase(LanguageModel baseModel, IReadOnlyList<WeightVector> vectors)
    {
        var recorded = WeightVectorMetadata.CommonBase(vectors.Select(v => v.Metadata));
        if (recorded is not null && recorded != Hash(baseModel))
            throw new ArgumentException($"the vectors were taken from a base model with hash {recorded}, but this base has hash {Hash(baseModel)}");
        var tensors = Of(baseModel);
        foreach (var v in vectors)
        {
            foreach (var name in v.Names)
            {
                if (!tensors.TryGetValue(name, out var t)) throw new ArgumentException($"tensor '{name}' of the vector is not in the base model");
                if (!t.shape.SequenceEqual(v[name].shape))
                    throw new ArgumentException($"tensor '{name}' is [{string.Join(", ", v[name].shape)}] in the vector but [{string.Join(", ", t.shape)}] in the base model");
            }
            foreach (var (name, t) in tensors)
                if (TensorCombination.IsFloating(t.dtype) && !v.Names.Contains(name))
                    throw new ArgumentException($"tensor '{name}' of the base model is missing from the vector");
        }
    }
}
