using MLNetTemporal.Anchors;
using MLNetTemporal.Studies.Corpus;

namespace MLNetTemporal.Studies.Anchors;

/// <summary>What <see cref="AnchorStudy.Run"/> measures and how (defaults follow METHODS.md §3).</summary>
public sealed record AnchorStudyOptions
{
    /// <summary>Template, separator, label words and demonstrations per class, as the in-context estimators take them.</summary>
    public InContextPromptSettings Prompt { get; init; } = new();
    /// <summary>Extra examples per class for anchor re-weighting.</summary>
    public int TrainingExamplesPerClass { get; init; } = 4;
    /// <summary>Test examples (at most; the rows left after demonstrations and training examples).</summary>
    public int TestExamples { get; init; } = 1000;
    /// <summary>Each seed draws its own demonstrations, training and test examples; results are averaged.</summary>
    public IReadOnlyList<int> Seeds { get; init; } = [42, 43, 44];
    /// <summary>Demonstrations per class of the plain n-shot baselines (those that fit the window).</summary>
    public IReadOnlyList<int> Shots { get; init; } = [0, 1, 2, 4];
    public AnchorReweightingSettings Reweighting { get; init; } = new();
    /// <summary>Test examples whose saliency is averaged (one backward pass each).</summary>
    public int SaliencyExamples { get; init; } = 100;
    /// <summary>Scale each layer's three sums to add up to 1.</summary>
    public bool NormaliseSaliency { get; init; } = true;
    /// <summary>Layers isolated at each end; 0: a quarter of the layers (at least 1).</summary>
    public int IsolationLayers { get; init; }
    /// <summary>Layer of the error diagnosis; -1: the last.</summary>
    public int DiagnosisLayer { get; init; } = -1;
    public int BatchSize { get; init; } = 16;
    /// <summary>Queries timed one by one for the compression speed-up.</summary>
    public int TimedExamples { get; init; } = 50;
}
