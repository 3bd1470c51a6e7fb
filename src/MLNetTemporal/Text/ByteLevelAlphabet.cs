namespace MLNetTemporal.Text;

/// <summary>
/// GPT-2's reversible byte-to-character table: every byte gets a printable character so that byte-level BPE
/// tokens can be stored as text in vocab.json / merges.txt. Printable Latin-1 bytes map to themselves; the
/// rest (control characters, space, ...) are shifted to U+0100 onwards, which is why a space appears as 'Ġ'.
/// </summary>
internal static class ByteLevelAlphabet
{
    /// <summary>Character for each byte value.</summary>
    public static IReadOnlyList<char> ByteToChar { get; } = Build();

    /// <summary>Inverse of <see cref="ByteToChar"/>.</summary>
    public static IReadOnlyDictionary<char, byte> CharToByte { get; } =
        Enumerable.Range(0, 256).ToDictionary(b => ByteToChar[b], b => (byte)b);

    /// <summary>
    /// The 256 single-byte tokens in GPT-2's id order, which is the order of their characters' code points
    /// (GPT-2's encoder.json starts "!"=0 ... "ÿ"=187, "Ā"=188 for byte 0, ...).
    /// </summary>
    public static IReadOnlyList<string> TokensInIdOrder { get; } =
        ByteToChar.Order().Select(c => c.ToString()).ToArray();

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++) chars[i] = ByteToChar[bytes[i]];
        return new string(chars);
    }

    /// <summary>Bytes of a byte-level token, or null when it holds a character outside the table (an added token).</summary>
    public static byte[]? TryDecode(string token)
    {
        var bytes = new byte[token.Length];
        for (var i = 0; i < token.Length; i++)
        {
            if (!CharToByte.TryGetValue(token[i], out var b)) return null;
            bytes[i] = b;
        }
        return bytes;
    }

    private static char[] Build()
    {
        var map = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            map[b] = printable ? (char)b : (char)next++;
        }
        return map;
    }
}
