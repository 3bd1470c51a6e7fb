using MLNetTemporal.Pipeline;

namespace MLNetTemporal.Probing;

/// <summary>A fitted probe: maps an activation vector to the target (years, or latitude and longitude), in the target's own units.</summary>
public abstract class ProbeModel
{
    private protected ProbeModel(int inputSize, TargetScaler scaler)
    {
        InputSize = inputSize;
        Scaler = scaler;
    }

    public int InputSize { get; }
    public int OutputSize => Scaler.Mean.Length;

    /// <summary>The training targets' mean and standard deviation; the probe predicts z-scores internally.</summary>
    public TargetScaler Scaler { get; }

    /// <summary>"ridge" or "mlp".</summary>
    public abstract string Name { get; }

    /// <summary>The prediction in the target's units.</summary>
    public double[] Predict(ReadOnlySpan<float> features)
    {
        if (features.Length != InputSize)
            throw new ArgumentException($"the features have {features.Length} values but the {Name} probe was fitted on {InputSize}", nameof(features));
        return Scaler.Unscale(PredictScaled(features));
    }

    public double[][] Predict(IReadOnlyList<float[]> rows) => rows.Select(r => Predict(r)).ToArray();

    private protected abstract double[] PredictScaled(ReadOnlySpan<float> features);

    internal abstract void SaveTo(TemporalSaveContext context, string entry);

    internal static ProbeModel Load(TemporalLoadContext context, string entry, string name) => name switch
    {
        RidgeProbeModel.KindName => RidgeProbeModel.LoadFrom(context, entry),
        MlpProbeModel.KindName => MlpProbeModel.LoadFrom(context, entry),
        _ => throw context.Invalid(entry, $"names an unknown probe '{name}' (known: ridge, mlp)"),
    };

    /// <summary>y = x·W + b for a row-major W of <paramref name="inputs"/> × <paramref name="outputs"/>.</summary>
    private protected static double[] Affine(ReadOnlySpan<float> x, float[] weights, float[] bias, int inputs, int outputs)
    {
        var y = bias.Select(b => (double)b).ToArray();
        for (int i = 0; i < inputs; i++)
        {
            double xi = x[i];
            if (xi == 0) continue;
            var row = weights.AsSpan(i * outputs, outputs);
            for (int j = 0; j < outputs; j++) y[j] += xi * row[j];
        }
        return y;
    }
}
