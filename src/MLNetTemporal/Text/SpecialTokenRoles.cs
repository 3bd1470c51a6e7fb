namespace MLNetTemporal.Text;

/// <summary>Which added tokens play the roles a language model needs (begin, end, padding, unknown).</summary>
public sealed record SpecialTokenRoles(string? Bos, string? Eos, string? Pad = null, string? Unk = null)
{
    /// <summary>GPT-2's convention: one <c>&lt;|endoftext|&gt;</c> token serves as begin, end and unknown.</summary>
    public static SpecialTokenRoles EndOfText { get; } =
        new(ByteLevelBpeVocabulary.EndOfText, ByteLevelBpeVocabulary.EndOfText, null, ByteLevelBpeVocabulary.EndOfText);

    public IEnumerable<string> All => new[] { Bos, Eos, Pad, Unk }.OfType<string>().Distinct();
}
