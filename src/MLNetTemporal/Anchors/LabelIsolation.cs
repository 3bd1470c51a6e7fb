using MLNetTemporal.LanguageModels.Hooks;
using static TorchSharp.torch;

namespace MLNetTemporal.Anchors;

/// <summary>Label and word loyalty when some positions are cut off from the text before them in some layers.</summary>
/// <param name="Layers">"first k" or "last k".</param>
/// <param name="Isolated">"label words" or "random words" (as many random non-label positions).</param>
/// <param name="LayerCount">k.</param>
/// <param name="LabelLoyalty">Share of predictions unchanged by the isolation.</param>
/// <param name="WordLoyalty">Mean Jaccard similarity of the top-5 next tokens with the unisolated ones.</param>
public sealed record IsolationResult(string Layers, string Isolated, int LayerCount, double LabelLoyalty, double WordLoyalty);

/// <summary>
/// The isolation experiment: in the chosen layers the label words may not attend to any earlier position (their
/// pre-softmax scores are set to -inf), so they cannot gather the demonstrations' information. Only demonstration
/// rows change, so the hooks act while the demonstrations are encoded and queries run unchanged on that cache.
/// </summary>
public static class LabelIsolation
{
    /// <summary>Hooks that block <paramref name="rows"/> from attending to earlier positions in <paramref name="layers"/>.</summary>
    public static ActivationHooks Hooks(IEnumerable<int> layers, IReadOnlyList<long> rows)
    {
        var hooks = new ActivationHooks();
        foreach (var layer in layers)
            hooks.Add(HookNames.AttentionScores(layer), (scores, _) =>
            {
                long queries = scores.shape[2], keys = scores.shape[3];
                var blocked = zeros(queries, keys, dtype: ScalarType.Bool, device: scores.device);
                foreach (var row in rows)
                    if (row > 0) blocked[row, TensorIndex.Slice(0, row)] = tensor(true);
                return scores.masked_fill(blocked, float.NegativeInfinity);
            });
        return hooks;
    }

    /// <summary>Isolating label words vs random words in the first and the last <paramref name="k"/> layers.</summary>
    public static IReadOnlyList<IsolationResult> Evaluate(InContextClassifier classifier, IReadOnlyList<Demonstration> test, int k,
        int seed = 42, int batchSize = 16, CancellationToken cancellationToken = default)
    {
        int layers = classifier.Model.Config.NumLayers;
        if (k < 1 || k > layers) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be within 1..{layers}");
        var prompt = classifier.Prompt;
        var queries = test.Select(t => prompt.EncodeQuery(t.Text)).ToList();
        var random = new Random(seed);
        var labels = prompt.LabelPositions.ToHashSet();
        var randomRows = Enumerable.Range(1, prompt.ContextIds.Length - 1).Select(i => (long)i).Where(i => !labels.Contains(i))
            .OrderBy(_ => random.Next()).Take(prompt.LabelPositions.Length).ToArray();
        QueryOutcomes Run(ActivationHooks? hooks)
        {
            using var cache = classifier.EncodeContext(hooks);
            return classifier.Run(queries, null, cache, batchSize, cancellationToken: cancellationToken);
        }
        var vanilla = Run(null);
        var results = new List<IsolationResult>();
        foreach (var (name, range) in new[] { ($"first {k}", Enumerable.Range(0, k)), ($"last {k}", Enumerable.Range(layers - k, k)) })
            foreach (var (what, rows) in new[] { ("label words", prompt.LabelPositions), ("random words", randomRows) })
            {
                var outcome = Run(Hooks(range, rows));
                results.Add(new IsolationResult(name, what, k, outcome.LabelLoyalty(vanilla), outcome.WordLoyalty(vanilla)));
            }
        return results;
    }
}
