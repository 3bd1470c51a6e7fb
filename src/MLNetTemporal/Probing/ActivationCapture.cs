using MLNetTemporal.LanguageModels;
using MLNetTemporal.LanguageModels.Hooks;
using static TorchSharp.torch;

namespace MLNetTemporal.Probing;

/// <summary>
/// Runs entities through a model in batches and keeps, per requested hook point, one pooled vector per entity: the
/// residual stream after each block (<see cref="HookNames.ResidPost"/>) for probes, or MLP pre-activations for
/// neuron search. Only the pooled vectors leave each batch, so memory grows with rows × points × width, never with
/// sequence length.
/// </summary>
public sealed class ActivationCapture
{
    private readonly LanguageModel _model;
    private readonly ProbePrompt _prompt;
    private readonly ProbePooling _pooling;
    private readonly int _maxTokens;

    public ActivationCapture(LanguageModel model, ProbePrompt prompt, ProbePooling pooling = ProbePooling.EntityLastToken, int maxTokens = 128)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(prompt);
        prompt.Validate();
        if (!Enum.IsDefined(pooling)) throw new ArgumentOutOfRangeException(nameof(pooling), pooling, "unknown pooling");
        if (maxTokens < 2) throw new ArgumentOutOfRangeException(nameof(maxTokens), maxTokens, "maxTokens must be at least 2");
        _model = model;
        _prompt = prompt;
        _pooling = pooling;
        _maxTokens = maxTokens;
    }

    /// <summary>The hook names of the residual stream after each of <paramref name="layers"/>.</summary>
    public static string[] ResidualPoints(IEnumerable<int> layers) => layers.Select(HookNames.ResidPost).ToArray();

    /// <summary>One batch: result[point][row] is the pooled vector of <paramref name="entities"/>[row] at hook point <paramref name="hookNames"/>[point].</summary>
    public float[][][] Batch(IReadOnlyList<string> entities, IReadOnlyList<string> hookNames)
    {
        var prompts = entities.Select(e => _prompt.Encode(_model, e, _maxTokens)).ToList();
        var result = hookNames.Select(_ => new float[entities.Count][]).ToArray();
        if (entities.Count == 0) return result;
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        // Padding goes on the right, where causal attention keeps it from touching the real positions.
        var (ids, _, _) = TokenCollation.Collate(prompts.Select(p => p.Ids.Select(i => (long)i).ToArray()).ToList(), _model.Device);
        var hooks = new ActivationHooks().Capture([.. hookNames]);
        _model.Module.call(new CausalLMInput(ids) { Hooks = hooks, SkipLogits = true });
        using var cache = hooks.Cache;
        var (rows, weights) = PoolingWeights(prompts, (int)ids.shape[1]);
        // [P, B, T, D] weighted over T: a one-hot row picks a token, a uniform row over the entity averages it. All
        // points in one product and one copy to the host, so capturing many layers adds no per-layer round trips.
        var stacked = stack(hookNames.Select(name => cache[name]).ToArray()).to(ScalarType.Float32);
        var pooled = einsum("bt,pbtd->pbd", weights, stacked).cpu();
        var flat = pooled.data<float>().ToArray();
        int width = (int)pooled.shape[2];
        for (int h = 0; h < hookNames.Count; h++)
            for (int r = 0; r < rows; r++) result[h][r] = flat.AsSpan((h * rows + r) * width, width).ToArray();
        return result;
    }

    /// <summary>All entities, <paramref name="batchSize"/> at a time: result[point][row].</summary>
    public float[][][] Run(IReadOnlyList<string> entities, IReadOnlyList<string> hookNames, int batchSize = 32,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batchSize must be at least 1");
        var result = hookNames.Select(_ => new float[entities.Count][]).ToArray();
        for (int start = 0; start < entities.Count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = Batch(entities.Skip(start).Take(batchSize).ToList(), hookNames);
            for (int h = 0; h < hookNames.Count; h++) batch[h].CopyTo(result[h], start);
            progress?.Report(Math.Min(entities.Count, start + batchSize));
        }
        return result;
    }

    private (int Rows, Tensor Weights) PoolingWeights(IReadOnlyList<EncodedPrompt> prompts, int length)
    {
        var w = new float[prompts.Count * length];
        for (int r = 0; r < prompts.Count; r++)
        {
            var p = prompts[r];
            var (from, to) = _pooling switch
            {
                ProbePooling.EntityLastToken => (p.EntityEnd - 1, p.EntityEnd),
                ProbePooling.SequenceLastToken => (p.Ids.Length - 1, p.Ids.Length),
                _ => (p.EntityStart, p.EntityEnd),
            };
            for (int t = from; t < to; t++) w[r * length + t] = 1f / (to - from);
        }
        return (prompts.Count, tensor(w, [prompts.Count, length], device: _model.Device));
    }
}
