using MLNetTemporal.Anchors;
using MLNetTemporal.Pipeline;
using MLNetTemporal.Probing;
using MLNetTemporal.TaskSpaces;
using MLNetTemporal.TextFeatures;
using MLNetTemporal.TimeVectors;

namespace MLNetTemporal.Catalog;

/// <summary>The library's own saveable transformer kinds, registered once when the catalog is first used.</summary>
internal static class BuiltInTransformerKinds
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        TemporalTransformerKinds.Register(TextScoringTransformer.KindName, TextScoringTransformer.LoadFrom);
        TemporalTransformerKinds.Register(TextEmbeddingTransformer.KindName, TextEmbeddingTransformer.LoadFrom);
        TemporalTransformerKinds.Register(InContextClassifierTransformer.KindName, InContextClassifierTransformer.LoadFrom);
        TemporalTransformerKinds.Register(TimeAdaptedTransformer.KindName, TimeAdaptedTransformer.LoadFrom);
        TemporalTransformerKinds.Register(SequenceClassificationTransformer.KindName, SequenceClassificationTransformer.LoadFrom);
        TemporalTransformerKinds.Register(ActivationCaptureTransformer.KindName, ActivationCaptureTransformer.LoadFrom);
        TemporalTransformerKinds.Register(ProbeTransformer.KindName, ProbeTransformer.LoadFrom);
        TemporalTransformerKinds.Register(MinimalPairScoringTransformer.KindName, MinimalPairScoringTransformer.LoadFrom);
        TemporalTransformerKinds.Register(TaskSpaceTransformer.KindName, TaskSpaceTransformer.LoadFrom);
        return true;
    });

    public static void EnsureRegistered() => _ = Registered.Value;
}
