using System.Text.RegularExpressions;

namespace MLNetTemporal.Text;

/// <summary>
/// GPT-2's pre-tokenization: text is cut into contractions, letter runs, digit runs, punctuation runs and
/// whitespace (each word carrying its leading space) before BPE runs inside each piece. Training and encoding
/// must cut text the same way, so both use this one pattern.
/// </summary>
internal static partial class Gpt2PreTokenization
{
    public const string Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    public static partial Regex Regex();
}
