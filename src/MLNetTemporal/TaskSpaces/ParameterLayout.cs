using TorchSharp.Modules;
using MLNetTemporal.LanguageModels;

namespace MLNetTemporal.TaskSpaces;

/// <summary>
/// The order, names and shapes of a model's trainable parameters, so that gradients of several models of the same
/// shape (a model and its fine-tuned clones) can be laid end to end in one flat vector and compared.
/// </summary>
public sealed class ParameterLayout
{
    private ParameterLayout(IReadOnlyList<string> names, IReadOnlyList<long[]> shapes)
    {
        Names = names;
        Shapes = shapes;
        var offsets = new long[names.Count + 1];
        for (int i = 0; i < names.Count; i++) offsets[i + 1] = offsets[i] + shapes[i].Aggregate(1L, (a, b) => a * b);
        Offsets = offsets;
    }

    public IReadOnlyList<string> Names { get; }
    public IReadOnlyList<long[]> Shapes { get; }
    /// <summary>Where each parameter starts in the flat vector; the last entry is the total.</summary>
    public IReadOnlyList<long> Offsets { get; }
    public long Total => Offsets[^1];

    /// <summary>The trainable parameters of <paramref name="model"/> (tied weights once), in registration order.</summary>
    public static ParameterLayout For(CausalLanguageModel model)
    {
        var named = model.named_parameters().Where(p => p.parameter.requires_grad).ToList();
        return new ParameterLayout(named.Select(p => p.name).ToArray(), named.Select(p => p.parameter.shape).ToArray());
    }

    /// <summary>The live parameters of <paramref name="model"/> in this layout's order; the model must have the same shape.</summary>
    public IReadOnlyList<Parameter> ParametersOf(CausalLanguageModel model)
    {
        var named = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var result = new Parameter[Names.Count];
        for (int i = 0; i < Names.Count; i++)
        {
            if (!named.TryGetValue(Names[i], out var p))
                throw new ArgumentException($"the model has no parameter '{Names[i]}': it does not have the shape of the model the layout was taken from", nameof(model));
            if (!p.shape.SequenceEqual(Shapes[i]))
                throw new ArgumentException($"parameter '{Names[i]}' has shape [{string.Join(", ", p.shape)}], the layout [{string.Join(", ", Shapes[i])}]", nameof(model));
            result[i] = p;
        }
        return result;
    }

    /// <summary>True when both describe the same parameters in the same order.</summary>
    public bool Matches(ParameterLayout other) =>
        ReferenceEquals(this, other) || (Names.SequenceEqual(other.Names) && Shapes.Zip(other.Shapes).All(s => s.First.SequenceEqual(s.Second)));

    internal void CheckSame(ParameterLayout other, string what)
    {
        if (!Matches(other)) throw new ArgumentException($"{what}: the two vectors come from models of different shapes");
    }
}
