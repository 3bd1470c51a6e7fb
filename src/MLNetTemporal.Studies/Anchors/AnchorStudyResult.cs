using MLNetTemporal.Anchors;

namespace MLNetTemporal.Studies.Anchors;

/// <summary>One seed's accuracies.</summary>
public sealed record AnchorSeedResult(int Seed, int TestExamples, double VanillaAccuracy, double ReweightedAccuracy, double ReweightingSeconds,
    IReadOnlyDictionary<int, double> ShotAccuracy);

/// <summary>Mean saliency flows of one layer (over examples and seeds).</summary>
public sealed record LayerSaliency(int Layer, double WordsToLabels, double LabelsToTarget, double WordsToWords);

/// <summary>Everything <see cref="AnchorStudy.Run"/> measured; means over seeds, matrices of the last seed.</summary>
public sealed record AnchorStudyResult
{
    public required IReadOnlyList<string> Classes { get; init; }
    public required double Chance { get; init; }
    public required double VanillaAccuracy { get; init; }
    public required double ReweightedAccuracy { get; init; }
    public required double ReweightingSeconds { get; init; }
    /// <summary>Mean n-shot accuracy by demonstrations per class (absent where the prompt did not fit).</summary>
    public required IReadOnlyDictionary<int, double> ShotAccuracy { get; init; }
    public required IReadOnlyList<AnchorSeedResult> Seeds { get; init; }
    public required IReadOnlyList<CompressionResult> Compression { get; init; }
    public required IReadOnlyList<IsolationResult> Isolation { get; init; }
    public required IReadOnlyList<LayerSaliency> Saliency { get; init; }
    public required DiagnosisResult Diagnosis { get; init; }
    public required double DiagnosisCorrelation { get; init; }
}
