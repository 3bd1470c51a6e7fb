
namespace MLNetTemporal.Studies.Pretraining;

/// <summary>What building the default model produced, saved as <c>report.json</c> beside it.</summary>
public sealed record DefaultModelReport
{
    public required string Preset { get; init; }
    public required string Architecture { get; init; }
    public required int Seed { get; init; }
    public required string ModelFolder { get; init; }
    public required string CorpusFile { get; init; }
    public required int TrainSentences { get; init; }
    public required int HeldOutSentences { get; init; }
    public required int VocabSize { get; init; }
    public required long Parameters { get; init; }
    public required long TrainTokens { get; init; }
    public required int Steps { get; init; }
    public required double TrainSeconds { get; init; }
    public required double TokensPerSecond { get; init; }
    /// <summary>Held-out perplexity of the untrained model (about the vocabulary size) and after pretraining.</summary>
    public required double InitialPerplexity { get; init; }
    public required double HeldOutPerplexity { get; init; }
    public required string Device { get; init; }
    /// <summary>True when this run reused an earlier result.</summary>
    public bool FromCache { get; init; }
}
