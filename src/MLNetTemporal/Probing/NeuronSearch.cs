using MLNetTemporal.Checkpoints;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.LanguageModels.Hooks;
using MLNetTemporal.Numerics;
using static TorchSharp.torch;

namespace MLNetTemporal.Probing;

/// <summary>An MLP neuron and how it relates to the target.</summary>
/// <param name="Layer">The block whose MLP holds it.</param>
/// <param name="Index">Its row in the up/gate projection.</param>
/// <param name="Spearman">Rank correlation of its pre-activation (at the entity token) with the target.</param>
/// <param name="CosineWithProbe">Cosine of its input weight vector with the linear probe's direction (NaN without a probe).</param>
public sealed record NeuronScore(int Layer, int Index, double Spearman, double CosineWithProbe);

/// <summary>
/// Time and space neurons: every MLP neuron's pre-activation (GPT-2's <c>c_fc</c>, Llama's <c>gate_proj</c>
/// applied to the normalised residual stream) at the entity token, ranked by |Spearman ρ| with the target.
/// </summary>
public static class NeuronSearch
{
    /// <param name="model">The probed model.</param>
    /// <param name="capture">The same prompt and pooling as the probes.</param>
    /// <param name="entities">The rows to correlate over (the training rows).</param>
    /// <param name="target">One value per entity (the first target output).</param>
    /// <param name="probeDirection">A linear probe's direction in the residual stream, or null.</param>
    /// <param name="top">How many neurons to keep.</param>
    /// <param name="batchSize">Entities per forward pass.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    public static IReadOnlyList<NeuronScore> Run(LanguageModel model, ActivationCapture capture, IReadOnlyList<string> entities, IReadOnlyList<double> target,
        IReadOnlyList<double>? probeDirection = null, int top = 50, int batchSize = 32, CancellationToken cancellationToken = default)
    {
        if (entities.Count != target.Count) throw new ArgumentException($"{entities.Count} entities but {target.Count} target values");
        int layers = model.Config.NumLayers;
        var names = Enumerable.Range(0, layers).Select(HookNames.MlpPre).ToArray();
        var activations = capture.Run(entities, names, batchSize, cancellationToken: cancellationToken);
        var weights = model.Module.NamedTensors();
        var scores = new List<NeuronScore>();
        for (int l = 0; l < layers; l++)
        {
            var input = probeDirection is null ? null : InputWeights(weights, l, model.Config.HiddenSize);
            int width = activations[l][0].Length;
            for (int n = 0; n < width; n++)
            {
                var values = activations[l].Select(row => (double)row[n]).ToArray();
                var rho = Statistics.Spearman(values, target);
                var cosine = input is null ? double.NaN : Cosine(input[n], probeDirection!);
                scores.Add(new NeuronScore(l, n, double.IsNaN(rho) ? 0 : rho, cosine));
            }
        }
        return scores.OrderByDescending(s => Math.Abs(s.Spearman)).Take(top).ToList();
    }

    /// <summary>Each neuron's input weight vector (hidden size) of block <paramref name="layer"/>.</summary>
    private static float[][] InputWeights(IReadOnlyDictionary<string, Tensor> weights, int layer, int hidden)
    {
        var key = weights.Keys.FirstOrDefault(k => k.EndsWith($".{layer}.mlp.c_fc.weight", StringComparison.Ordinal) || k.EndsWith($".{layer}.mlp.gate_proj.weight", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"no MLP input projection found for block {layer}");
        using var scope = NewDisposeScope();
        var w = weights[key].detach().to(ScalarType.Float32).cpu();
        // GPT-2's Conv1D stores [hidden, neurons]; Llama's Linear stores [neurons, hidden].
        if (w.shape[0] == hidden && key.EndsWith("c_fc.weight", StringComparison.Ordinal)) w = w.T;
        w = w.contiguous();
        var flat = w.data<float>().ToArray();
        return Enumerable.Range(0, (int)w.shape[0]).Select(n => flat.AsSpan(n * hidden, hidden).ToArray()).ToArray();
    }

    private static double Cosine(float[] a, IReadOnlyList<double> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? double.NaN : dot / Math.Sqrt(na * nb);
    }
}
