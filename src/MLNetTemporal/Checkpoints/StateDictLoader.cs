using static TorchSharp.torch;

namespace MLNetTemporal.Checkpoints;

/// <summary>Copies a state dict (e.g. from <see cref="HuggingFaceCheckpoint.LoadStateDict"/>) into a module's parameters and buffers.</summary>
public static class StateDictLoader
{
    private const int NamesShown = 5;

    /// <summary>
    /// Copies each tensor of <paramref name="state"/> into the module tensor of the same name, converting to its
    /// dtype and device. Everything is checked before anything is copied, so a mismatch leaves the module as it was.
    /// </summary>
    /// <param name="module">The module to fill.</param>
    /// <param name="state">Tensors by name; not modified or disposed.</param>
    /// <param name="optionalKeys">
    /// Names that may be absent from either side: tied weights such as <c>lm_head.weight</c>, or buffers such as
    /// <c>attn.bias</c> and <c>rotary_emb.inv_freq</c> that some checkpoints carry and some modules compute.
    /// </param>
    /// <exception cref="InvalidDataException">
    /// A module tensor is missing from the state, the state has tensors the module lacks, or shapes or kinds
    /// (floating point or not) differ; the message names the tensors.
    /// </exception>
    public static void Load(nn.Module module, IReadOnlyDictionary<string, Tensor> state, IReadOnlyCollection<string>? optionalKeys = null)
    {
        var optional = optionalKeys?.ToHashSet(StringComparer.Ordinal) ?? [];
        var targets = module.NamedTensors();
        var problems = new List<string>();

        var missing = targets.Keys.Where(n => !state.ContainsKey(n) && !optional.Contains(n)).ToList();
        if (missing.Count > 0) problems.Add($"missing from the checkpoint: {List(missing)}");
        var unexpected = state.Keys.Where(n => !targets.ContainsKey(n) && !optional.Contains(n)).ToList();
        if (unexpected.Count > 0) problems.Add($"not in the module: {List(unexpected)}");

        var copies = new List<(Tensor Target, Tensor Source)>();
        foreach (var (name, target) in targets)
        {
            if (!state.TryGetValue(name, out var source)) continue;
            if (!source.shape.SequenceEqual(target.shape))
                problems.Add($"'{name}' has shape [{string.Join(", ", source.shape)}] in the checkpoint but [{string.Join(", ", target.shape)}] in the module");
            else if (source.is_floating_point() != target.is_floating_point())
                problems.Add($"'{name}' is {source.dtype} in the checkpoint but {target.dtype} in the module");
            else
                copies.Add((target, source));
        }
        if (problems.Count > 0)
            throw new InvalidDataException($"cannot load the state dict into {module.GetName()} (nothing was copied): {string.Join("; ", problems)}");

        using var _ = no_grad();
        foreach (var (target, source) in copies) target.copy_(source);
    }

    private static string List(List<string> names) =>
        string.Join(", ", names.Take(NamesShown).Select(n => $"'{n}'")) + (names.Count > NamesShown ? $" and {names.Count - NamesShown} more" : "");
}
