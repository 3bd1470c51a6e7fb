using MLNetTemporal.LanguageModels.Hooks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetTemporal.Anchors;

/// <summary>
/// Anchor re-weighting's parameters: per layer a matrix w [heads, demonstrations], beta = exp(w). After the softmax,
/// the attention of the target position (the query's last token) to demonstration i's label word is multiplied by
/// beta[h, i], without renormalising. w = 0 leaves attention unchanged.
/// </summary>
public sealed class AnchorWeights : nn.Module
{
    private readonly Parameter[] _layers;

    public AnchorWeights(int layers, int heads, int demonstrations, Device? device = null) : base("anchor_weights")
    {
        if (layers < 1 || heads < 1 || demonstrations < 1)
            throw new ArgumentOutOfRangeException(nameof(layers), $"layers, heads and demonstrations must be positive ({layers}, {heads}, {demonstrations})");
        _layers = Enumerable.Range(0, layers).Select(_ => new Parameter(zeros(heads, demonstrations, device: device))).ToArray();
        for (int l = 0; l < layers; l++) register_parameter($"w{l}", _layers[l]);
    }

    /// <summary>Weights saved earlier (<see cref="ToArrays"/>), [layer][head][demonstration].</summary>
    public static AnchorWeights FromArrays(float[][][] w, Device? device = null)
    {
        var weights = new AnchorWeights(w.Length, w[0].Length, w[0][0].Length, device);
        using var _ = no_grad();
        for (int l = 0; l < w.Length; l++)
            weights._layers[l].copy_(tensor(w[l].SelectMany(r => r).ToArray(), [w[l].Length, w[l][0].Length]));
        return weights;
    }

    public int LayerCount => _layers.Length;
    public IReadOnlyList<Parameter> Layers => _layers;

    public float[][][] ToArrays() => _layers.Select(p =>
    {
        var data = p.detach().cpu().data<float>().ToArray();
        int demos = (int)p.shape[1];
        return Enumerable.Range(0, (int)p.shape[0]).Select(h => data.AsSpan(h * demos, demos).ToArray()).ToArray();
    }).ToArray();

    /// <summary>Hooks that re-weight every layer's attention from row <c>targets[b]</c> to the label columns.</summary>
    /// <param name="targets">Per batch row, the target's index among the new tokens of the forward call.</param>
    /// <param name="labelColumns">Per demonstration, its label word's index among the keys (cached ones first).</param>
    /// <param name="into">Hooks to add to (a new set when null).</param>
    public ActivationHooks Hooks(long[] targets, long[] labelColumns, ActivationHooks? into = null)
    {
        if (labelColumns.Length != _layers[0].shape[1])
            throw new ArgumentException($"{labelColumns.Length} label columns for weights over {_layers[0].shape[1]} demonstrations", nameof(labelColumns));
        var hooks = into ?? new ActivationHooks();
        for (int l = 0; l < _layers.Length; l++)
        {
            var w = _layers[l];
            hooks.Add(HookNames.AttentionPattern(l), (pattern, _) => pattern * Multiplier(w, pattern, targets, labelColumns));
        }
        return hooks;
    }

    /// <summary>1 everywhere except beta[h, i] at (target row, label column i): [batch, heads, queries, keys].</summary>
    private static Tensor Multiplier(Tensor w, Tensor pattern, long[] targets, long[] labelColumns)
    {
        long batch = pattern.shape[0], heads = pattern.shape[1], queries = pattern.shape[2], keys = pattern.shape[3];
        if (w.shape[0] != heads) throw new ArgumentException($"weights have {w.shape[0]} heads, the attention {heads}");
        var spread = zeros(labelColumns.Length, keys, dtype: pattern.dtype, device: pattern.device);
        for (int i = 0; i < labelColumns.Length; i++) spread[i, labelColumns[i]] = 1;
        var rows = zeros(batch, 1, queries, 1, dtype: pattern.dtype, device: pattern.device);
        for (int b = 0; b < targets.Length; b++) rows[b, 0, targets[b], 0] = 1;
        var delta = (w.to(pattern.dtype).exp() - 1).matmul(spread);
        return 1 + rows * delta.view(1, heads, 1, keys);
    }
}
