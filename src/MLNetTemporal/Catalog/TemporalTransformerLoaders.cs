using Microsoft.ML;

namespace MLNetTemporal.Catalog;

/// <summary>Rebuilds a saved <see cref="ITemporalTransformer"/> from its kind; new transformer kinds add a line here.</summary>
internal static class TemporalTransformerLoaders
{
    private static readonly Dictionary<string, Func<TemporalLoadContext, string, ITransformer>> Loaders = new(StringComparer.Ordinal)
    {
        [TextScoringTransformer.KindName] = TextScoringTransformer.LoadFrom,
        [TextEmbeddingTransformer.KindName] = TextEmbeddingTransformer.LoadFrom,
        [Anchors.InContextClassifierTransformer.KindName] = Anchors.InContextClassifierTransformer.LoadFrom,
        [TimeVectors.TimeAdaptedTransformer.KindName] = TimeVectors.TimeAdaptedTransformer.LoadFrom,
        [TimeVectors.SequenceClassificationTransformer.KindName] = TimeVectors.SequenceClassificationTransformer.LoadFrom,
        [Probing.ActivationCaptureTransformer.KindName] = Probing.ActivationCaptureTransformer.LoadFrom,
        [Probing.ProbeTransformer.KindName] = Probing.ProbeTransformer.LoadFrom,
        [TaskSpaces.MinimalPairScoringTransformer.KindName] = TaskSpaces.MinimalPairScoringTransformer.LoadFrom,
        [TaskSpaces.TaskSpaceTransformer.KindName] = TaskSpaces.TaskSpaceTransformer.LoadFrom,
    };

    public static ITransformer Load(string kind, TemporalLoadContext context, string entry) =>
        Loaders.TryGetValue(kind, out var load)
            ? load(context, entry)
            : throw context.Invalid(entry, $"its kind '{kind}' is unknown to this version (known: {string.Join(", ", Loaders.Keys)})");
}
