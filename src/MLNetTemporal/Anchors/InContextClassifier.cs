using MLNetTemporal.LanguageModels;
using MLNetTemporal.LanguageModels.Hooks;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MLNetTemporal.Anchors;

/// <summary>Queries right-padded into one batch; <see cref="Targets"/>: each row's last real token (the prediction point).</summary>
public sealed record QueryBatch(Tensor Ids, long[] Targets);

/// <summary>Per query: the label words' logits and the most likely next tokens.</summary>
public sealed record QueryOutcomes(float[][] ClassLogits, long[][] TopTokens)
{
    public int[] Predictions => ClassLogits.Select(ArgMax).ToArray();

    public double Accuracy(IReadOnlyList<int> labels) => Predictions.Zip(labels).Average(p => p.First == p.Second ? 1.0 : 0.0);

    /// <summary>Share of queries whose predicted class equals the reference's.</summary>
    public double LabelLoyalty(QueryOutcomes reference) => Predictions.Zip(reference.Predictions).Average(p => p.First == p.Second ? 1.0 : 0.0);

    /// <summary>Mean Jaccard similarity of the top tokens with the reference's.</summary>
    public double WordLoyalty(QueryOutcomes reference) => TopTokens.Zip(reference.TopTokens)
        .Average(p => (double)p.First.Intersect(p.Second).Count() / p.First.Union(p.Second).Count());

    private static int ArgMax(float[] values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}

/// <summary>
/// In-context classification with a causal language model: the prediction is the class whose label-word token has
/// the largest next-token logit after the query. Demonstrations can run once into a key/value cache that every
/// query then continues (exactly the same outputs as the whole prompt, at a fraction of the cost); the cache may be
/// pruned to the anchors, and hooks may edit attention on the way.
/// </summary>
public sealed class InContextClassifier
{
    public InContextClassifier(LanguageModel model, InContextPrompt prompt)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Prompt = prompt ?? throw new ArgumentNullException(nameof(prompt));
    }

    public LanguageModel Model { get; }
    public InContextPrompt Prompt { get; }

    /// <summary>Runs the demonstrations once; the caller owns the returned cache.</summary>
    public KeyValueCache EncodeContext(ActivationHooks? hooks = null)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var ids = tensor(Prompt.ContextIds, [1, Prompt.ContextIds.Length], device: Model.Device);
        return Model.Module.call(new CausalLMInput(ids) { UseCache = true, SkipLogits = true, Hooks = hooks }).PresentKeyValues!;
    }

    /// <summary>
    /// Class probabilities (softmax over the label words' logits) of each text, the demonstrations run once and
    /// <paramref name="weights"/> (anchor re-weighting) applied when given.
    /// </summary>
    public float[][] PredictProbabilities(IReadOnlyList<string> texts, int batchSize = 16, AnchorWeights? weights = null, CancellationToken cancellationToken = default)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batchSize must be at least 1");
        var queries = texts.Select(Prompt.EncodeQuery).ToList();
        using var context = EncodeContext();
        var result = new float[texts.Count][];
        using var _ = no_grad();
        for (int start = 0; start < queries.Count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var batch = Collate(queries.Skip(start).Take(batchSize).ToList());
            var hooks = weights?.Hooks(batch.Targets, Prompt.LabelPositions);
            var probabilities = F.softmax(ClassLogits(TargetLogits(batch, context, hooks)), -1).to(ScalarType.Float32).cpu();
            for (int i = 0; i < batch.Targets.Length; i++) result[start + i] = probabilities[i].data<float>().ToArray();
        }
        return result;
    }

    /// <summary>
    /// Class logits and the <paramref name="topK"/> most likely next tokens of each query, after a token
    /// <paramref name="prefix"/> (the prompt as text) or on a <paramref name="context"/> cache.
    /// </summary>
    public QueryOutcomes Run(IReadOnlyList<long[]> queries, long[]? prefix, KeyValueCache? context, int batchSize,
        Func<QueryBatch, ActivationHooks?>? hooksFor = null, int topK = 5, CancellationToken cancellationToken = default)
    {
        var logits = new float[queries.Count][];
        var top = new long[queries.Count][];
        using var _ = no_grad();
        for (int start = 0; start < queries.Count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var batch = Collate(queries.Skip(start).Take(batchSize).ToList(), prefix);
            var vocabulary = TargetLogits(batch, context, hooksFor?.Invoke(batch));
            var classes = ClassLogits(vocabulary).to(ScalarType.Float32).cpu();
            var best = vocabulary.topk(topK, -1).indexes.cpu();
            for (int i = 0; i < batch.Targets.Length; i++)
            {
                logits[start + i] = classes[i].data<float>().ToArray();
                top[start + i] = best[i].data<long>().ToArray();
            }
        }
        return new QueryOutcomes(logits, top);
    }

    /// <summary>Right-pads queries (after an optional token prefix) into one batch; causality keeps padding unseen.</summary>
    internal QueryBatch Collate(IReadOnlyList<long[]> queries, long[]? prefix = null)
    {
        prefix ??= [];
        int width = queries.Max(q => q.Length) + prefix.Length;
        var ids = new long[queries.Count * width];
        var targets = new long[queries.Count];
        for (int b = 0; b < queries.Count; b++)
        {
            prefix.CopyTo(ids, b * width);
            queries[b].CopyTo(ids, b * width + prefix.Length);
            targets[b] = prefix.Length + queries[b].Length - 1;
        }
        return new QueryBatch(tensor(ids, [queries.Count, width], device: Model.Device), targets);
    }

    /// <summary>Next-token logits [batch, vocab] at each row's target, continuing <paramref name="context"/> when given.</summary>
    internal Tensor TargetLogits(QueryBatch batch, KeyValueCache? context, ActivationHooks? hooks = null)
    {
        long rows = batch.Targets.Length;
        var past = context is null || context.BatchSize == rows ? context : context.Repeat(rows);
        try
        {
            var logits = Model.Module.call(new CausalLMInput(batch.Ids) { PastKeyValues = past, Hooks = hooks }).Logits!;
            using var index = tensor(batch.Targets, device: logits.device).view(rows, 1, 1).expand(rows, 1, logits.shape[2]);
            return logits.gather(1, index).squeeze(1);
        }
        finally
        {
            if (!ReferenceEquals(past, context)) past?.Dispose();
        }
    }

    /// <summary>The label words' columns of next-token logits, [batch, classes].</summary>
    internal Tensor ClassLogits(Tensor vocabularyLogits)
    {
        using var ids = tensor(Prompt.LabelTokens.Select(i => (long)i).ToArray(), device: vocabularyLogits.device);
        return vocabularyLogits.index_select(1, ids);
    }
}
