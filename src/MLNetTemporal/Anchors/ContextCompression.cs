using System.Diagnostics;
using MLNetTemporal.LanguageModels;

namespace MLNetTemporal.Anchors;

/// <summary>One way of shortening the demonstrations, measured against the full prompt.</summary>
/// <param name="Method">FullText (the reference), FullCache, HiddenAnchor, TextAnchor or HiddenRandom.</param>
/// <param name="Accuracy">Share of test examples classified correctly.</param>
/// <param name="LabelLoyalty">Share of predictions equal to the full prompt's.</param>
/// <param name="WordLoyalty">Mean Jaccard similarity of the top-5 next tokens with the full prompt's.</param>
/// <param name="ContextLength">Context entries each query attends to.</param>
/// <param name="SecondsPerExample">Mean time of one query at batch size 1, the context's one-off encoding excluded.</param>
/// <param name="SpeedUp">Full-text time per example over this method's.</param>
public sealed record CompressionResult(string Method, int ContextLength, double Accuracy, double LabelLoyalty, double WordLoyalty, double SecondsPerExample, double SpeedUp);

/// <summary>
/// Anchor-only context compression (Hidden_anchor): the demonstrations run once and only the key/value entries of
/// formatting and label-word positions stay in every layer; each query runs on that cache and keeps its true
/// positions. Baselines: Text_anchor (the same tokens re-run as a short text prompt) and Hidden_random (as many
/// random non-label entries); FullCache keeps every entry (the same outputs as the full text, faster).
/// </summary>
public static class ContextCompression
{
    public static IReadOnlyList<CompressionResult> Evaluate(InContextClassifier classifier, IReadOnlyList<Demonstration> test,
        int seed = 42, int batchSize = 16, int timedExamples = 50, CancellationToken cancellationToken = default)
    {
        if (test.Count == 0) throw new ArgumentException("no test examples", nameof(test));
        var prompt = classifier.Prompt;
        var queries = test.Select(t => prompt.EncodeQuery(t.Text)).ToList();
        var labels = test.Select(t => t.Class).ToList();
        using var full = classifier.EncodeContext();
        using var anchors = full.Select(prompt.AnchorPositions);
        using var random = full.Select(RandomPositions(prompt, seed));
        var textAnchor = prompt.AnchorPositions.Select(p => prompt.ContextIds[p]).ToArray();
        var methods = new (string Name, long[]? Prefix, KeyValueCache? Cache, int Length)[]
        {
            ("FullText", prompt.ContextIds, null, prompt.ContextIds.Length),
            ("FullCache", null, full, (int)full.Length),
            ("HiddenAnchor", null, anchors, (int)anchors.Length),
            ("TextAnchor", textAnchor, null, textAnchor.Length),
            ("HiddenRandom", null, random, (int)random.Length),
        };
        var outcomes = methods.Select(m => classifier.Run(queries, m.Prefix, m.Cache, batchSize, cancellationToken: cancellationToken)).ToArray();
        var timed = queries.Take(Math.Max(1, timedExamples)).ToList();
        var seconds = methods.Select(m => SecondsPerExample(classifier, timed, m.Prefix, m.Cache, cancellationToken)).ToArray();
        return methods.Select((m, i) => new CompressionResult(m.Name, m.Length, outcomes[i].Accuracy(labels),
            outcomes[i].LabelLoyalty(outcomes[0]), outcomes[i].WordLoyalty(outcomes[0]), seconds[i], seconds[0] / seconds[i])).ToArray();
    }

    /// <summary>As many positions as the anchors, drawn (seeded) from the positions that are not label words.</summary>
    public static long[] RandomPositions(InContextPrompt prompt, int seed)
    {
        var random = new Random(seed);
        var labels = prompt.LabelPositions.ToHashSet();
        var candidates = Enumerable.Range(0, prompt.ContextIds.Length).Select(i => (long)i).Where(i => !labels.Contains(i)).ToList();
        return candidates.OrderBy(_ => random.Next()).Take(prompt.AnchorPositions.Length).Order().ToArray();
    }

    private static double SecondsPerExample(InContextClassifier classifier, List<long[]> queries, long[]? prefix, KeyValueCache? cache, CancellationToken cancellationToken)
    {
        classifier.Run(queries.Take(2).ToList(), prefix, cache, 1, cancellationToken: cancellationToken); // warm-up
        var clock = Stopwatch.StartNew();
        classifier.Run(queries, prefix, cache, 1, cancellationToken: cancellationToken);
        return clock.Elapsed.TotalSeconds / queries.Count;
    }
}
