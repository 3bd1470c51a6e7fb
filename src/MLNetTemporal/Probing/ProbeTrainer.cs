using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.Probing;

/// <summary>
/// An ML.NET regression trainer for probes: Label (Single, or a vector for several targets) and Features (a
/// known-size Single vector) in, a Score column of the label's type out. Targets are z-scored with the training
/// rows' statistics inside the probe, and predictions come back in the label's units.
/// </summary>
public abstract class ProbeTrainer : IEstimator<ProbeTransformer>
{
    private protected ProbeTrainer(ProbeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    private protected ProbeOptions Options { get; }

    private protected abstract ProbeModel Fit(List<float[]> features, List<double[]> targets);

    public ProbeTransformer Fit(IDataView input)
    {
        var (_, scalar, _) = ProbeColumns.Validate(input.Schema, Options);
        var (features, targets) = ProbeColumns.Read(input, Options);
        return new ProbeTransformer(Fit(features, targets), Options.FeatureColumnName, Options.ScoreColumnName, scalar);
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ProbeColumns.Validate(inputSchema, Options);
        var label = inputSchema.Where(c => c.Name == Options.LabelColumnName).Last();
        // The width of a vector label is only known from data, so the score is declared as a vector of the label's kind.
        DataViewType type = label.Kind == SchemaShape.Column.VectorKind.Scalar ? NumberDataViewType.Single : new VectorDataViewType(NumberDataViewType.Single);
        return SchemaShapes.WithColumns(inputSchema, [new TextOutputColumn(Options.ScoreColumnName, type)]);
    }
}

/// <summary>The linear probe as an ML.NET trainer: ridge with alpha by efficient leave-one-out over a log grid.</summary>
public sealed class RidgeProbeTrainer : ProbeTrainer
{
    internal RidgeProbeTrainer(RidgeProbeOptions options) : base(options) { }

    private protected override ProbeModel Fit(List<float[]> features, List<double[]> targets) =>
        RidgeProbe.Fit(features, targets, (RidgeProbeOptions)Options);
}

/// <summary>The nonlinear probe as an ML.NET trainer (Linear-ReLU-Linear, AdamW, early stopping, weight-decay grid).</summary>
public sealed class MlpProbeTrainer : ProbeTrainer
{
    private readonly MLContext _context;

    internal MlpProbeTrainer(MLContext context, MlpProbeOptions options) : base(options) => _context = context;

    private protected override ProbeModel Fit(List<float[]> features, List<double[]> targets)
    {
        var options = (MlpProbeOptions)Options;
        return MlpProbe.Fit(features, targets, options, Runtime.ComputeDevice.Resolve("auto", _context));
    }
}
