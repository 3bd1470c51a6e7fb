namespace MLNetTemporal.Text;

public sealed record ByteLevelBpeTrainerOptions
{
    /// <summary>Final vocabulary size: 256 byte tokens + learned merges + special tokens.</summary>
    public int VocabSize { get; init; } = 4096;

    /// <summary>A pair seen fewer times than this is never merged (training may then stop below <see cref="VocabSize"/>).</summary>
    public int MinFrequency { get; init; } = 2;

    /// <summary>Added at the end of the vocabulary; the first serves as begin, end and unknown token as in GPT-2.</summary>
    public IReadOnlyList<string> SpecialTokens { get; init; } = [ByteLevelBpeVocabulary.EndOfText];
}
