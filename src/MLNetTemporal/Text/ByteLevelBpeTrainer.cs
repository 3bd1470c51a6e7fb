using System.Text;

namespace MLNetTemporal.Text;

/// <summary>
/// Learns a GPT-2-style byte-level BPE vocabulary: text is pre-tokenized with GPT-2's pattern, each piece becomes
/// its UTF-8 bytes, and the most frequent adjacent pair is merged until the vocabulary is full. Pair counts are
/// updated incrementally (only words containing the merged pair are revisited), so thousands of merges over
/// millions of words take seconds. Ties go to the pair of smaller ids (left, then right), so training is
/// deterministic. Ids come out in rank order, which lets <see cref="LanguageModelTokenizer"/> run the result as tiktoken.
/// </summary>
public sealed class ByteLevelBpeTrainer(ByteLevelBpeTrainerOptions? options = null)
{
    public ByteLevelBpeTrainerOptions Options { get; } = options ?? new ByteLevelBpeTrainerOptions();

    public ByteLevelBpeVocabulary Train(IEnumerable<string> texts)
    {
        var specials = Options.SpecialTokens;
        if (specials.Count == 0) throw new ArgumentException("at least one special token is needed to end sequences", nameof(options));
        if (Options.VocabSize < 256 + specials.Count)
            throw new ArgumentException($"VocabSize {Options.VocabSize} leaves no room for the 256 byte tokens and {specials.Count} special tokens", nameof(options));

        var tokens = new List<string>(ByteLevelAlphabet.TokensInIdOrder);
        var state = BpePairState.FromWords(CountWords(texts));
        var merges = new List<BpeMerge>();
        var ids = tokens.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
        var targetMerges = Options.VocabSize - 256 - specials.Count;

        while (merges.Count < targetMerges && state.TryTakeBest(Options.MinFrequency, out var left, out var right))
        {
            var merge = new BpeMerge(tokens[left], tokens[right]);
            // Two different splits can spell the same token (a+bc, ab+c); both merges are kept, sharing one id.
            if (!ids.TryGetValue(merge.Result, out var merged))
            {
                merged = tokens.Count;
                tokens.Add(merge.Result);
                ids[merge.Result] = merged;
            }
            merges.Add(merge);
            state.Merge(left, right, merged);
        }

        var special = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in specials)
        {
            if (ids.ContainsKey(token) || special.ContainsKey(token)) throw new ArgumentException($"special token '{token}' appears twice or collides with a learned token");
            special[token] = tokens.Count;
            ids[token] = tokens.Count;
            tokens.Add(token);
        }
        var roles = new SpecialTokenRoles(specials[0], specials[0], null, specials[0]);
        return new ByteLevelBpeVocabulary(ids, merges, special, roles);
    }

    /// <summary>Frequency of each pre-tokenized piece, as byte-level symbol ids, in ordinal order of the pieces.</summary>
    private static List<(int[] Symbols, long Count)> CountWords(IEnumerable<string> texts)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var regex = Gpt2PreTokenization.Regex();
        foreach (var text in texts)
        {
            foreach (var match in regex.EnumerateMatches(text))
            {
                var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
                var piece = text.AsSpan(match.Index, match.Length);
                lookup[piece] = lookup.TryGetValue(piece, out var n) ? n + 1 : 1;
            }
        }
        var byteId = new int[256];
        for (var b = 0; b < 256; b++) byteId[b] = ByteLevelAlphabetIndex(b);
        return counts.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => (Encoding.UTF8.GetBytes(c.Key).Select(b => byteId[b]).ToArray(), c.Value))
            .ToList();
    }

    private static int ByteLevelAlphabetIndex(int b)
    {
        var token = ByteLevelAlphabet.ByteToChar[b].ToString();
        for (var i = 0; i < 256; i++)
        {
            if (ByteLevelAlphabet.TokensInIdOrder[i] == token) return i;
        }
        throw new InvalidOperationException("byte alphabet is incomplete");
    }
}
