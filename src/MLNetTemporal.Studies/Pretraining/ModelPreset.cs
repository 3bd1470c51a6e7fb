using MLNetTemporal.Training;
using MLNetTemporal.Studies.Corpus;

namespace MLNetTemporal.Studies.Pretraining;

/// <summary>A model shape and the pretraining schedule that suits it on a small CPU.</summary>
public sealed record ModelPreset(
    string Name,
    int Layers,
    int HiddenSize,
    int Heads,
    int IntermediateSize,
    int VocabSize,
    int MaxPositions,
    int BlockSize,
    int BatchSize,
    int Epochs,
    double LearningRate,
    int SentencesPerMonth)
{
    /// <summary>Pretrains in a few minutes on 2 CPU cores; blocks fill the whole window, so in-context prompts of up to 256 tokens are in distribution.</summary>
    public static ModelPreset Tiny { get; } = new("tiny", 4, 128, 4, 512, 4096, 256, 256, 8, 4, 2e-3, 150);

    /// <summary>About 6 layers of width 256: the benchmark shape; tens of minutes on 2 cores.</summary>
    public static ModelPreset Small { get; } = new("small", 6, 256, 8, 1024, 8192, 512, 128, 16, 6, 1e-3, 300);

    public static IReadOnlyList<ModelPreset> All { get; } = [Tiny, Small];

    public static ModelPreset Get(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown preset '{name}': use {string.Join(" or ", All.Select(p => p.Name))}", nameof(name));

    /// <summary>The preset's pretraining schedule.</summary>
    public LanguageModelTrainingOptions TrainingOptions(long seed) => new()
    {
        BlockSize = BlockSize,
        BatchSize = BatchSize,
        Epochs = Epochs,
        LearningRate = LearningRate,
        WarmupFraction = 0.05,
        WeightDecay = 0.1,
        Seed = seed,
    };
}
