using static TorchSharp.torch;

namespace MLNetTemporal.Checkpoints;

public static class StateDictExtensions
{
    /// <summary>
    /// The module's parameters and persistent buffers by name, in registration order: the tensors themselves, not
    /// copies. Leave out the alias of a tied weight (e.g. <c>lm_head.weight</c>) through <paramref name="exclude"/>.
    /// </summary>
    public static OrderedDictionary<string, Tensor> NamedTensors(this nn.Module module, IEnumerable<string>? exclude = null)
    {
        var skip = exclude?.ToHashSet(StringComparer.Ordinal) ?? [];
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in ParametersAndBuffers(module))
            if (!skip.Contains(name)) result.TryAdd(name, tensor);
        return result;
    }

    /// <summary>What a checkpoint holds for a module: parameters, then buffers that are saved with it.</summary>
    internal static IEnumerable<(string Name, Tensor Tensor)> ParametersAndBuffers(nn.Module module) =>
        module.named_parameters().Select(p => (p.name, (Tensor)p.parameter))
            .Concat(module.named_buffers(include_nonpersistent: false).Select(b => (b.name, b.buffer)));
}
