using static TorchSharp.torch;

namespace MLNetTemporal.TaskSpaces;

/// <summary>
/// One value per trainable parameter of a model, flat (float32, CPU) in <see cref="ParameterLayout"/> order: a
/// task's mean gradient differential, say. Owns its tensor.
/// </summary>
public sealed class ParameterVector : IDisposable
{
    internal ParameterVector(ParameterLayout layout, Tensor values)
    {
        if (values.numel() != layout.Total) throw new ArgumentException($"the vector has {values.numel()} values, the layout {layout.Total}");
        Layout = layout;
        Values = values;
    }

    public ParameterLayout Layout { get; }

    /// <summary>The flat values (float32, CPU).</summary>
    public Tensor Values { get; }

    /// <summary>Copies the current gradients of the parameters (zero where a parameter has none).</summary>
    internal static ParameterVector FromGradients(ParameterLayout layout, IReadOnlyList<TorchSharp.Modules.Parameter> parameters)
    {
        using var scope = NewDisposeScope();
        var parts = parameters.Select(p => (p.grad is { } g ? g.detach() : zeros_like(p)).to(ScalarType.Float32).cpu().reshape(-1)).ToArray();
        return new ParameterVector(layout, cat(parts).MoveToOuterDisposeScope());
    }

    /// <summary>Cosine similarity with another vector of the same layout (0 when either is all zeros).</summary>
    public double Cosine(ParameterVector other)
    {
        Layout.CheckSame(other.Layout, "cosine similarity");
        using var scope = NewDisposeScope();
        var a = Values.to(ScalarType.Float64);
        var b = other.Values.to(ScalarType.Float64);
        double norms = a.norm().item<double>() * b.norm().item<double>();
        return norms == 0 ? 0 : a.dot(b).item<double>() / norms;
    }

    /// <summary>The mask of the <paramref name="fraction"/> of entries largest in absolute value.</summary>
    public ParameterMask TopK(double fraction) => ParameterMask.TopK(this, fraction);

    public void Dispose() => Values.Dispose();
}
