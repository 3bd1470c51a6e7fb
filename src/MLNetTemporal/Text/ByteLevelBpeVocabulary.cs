using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MLNetTemporal.Runtime;

namespace MLNetTemporal.Text;

/// <summary>
/// A GPT-2-style byte-level BPE vocabulary as Hugging Face stores it: vocab.json (token → id), merges.txt
/// (merge rules in priority order) and the special tokens with their roles. It only holds and moves the data;
/// encoding is done by Microsoft.ML.Tokenizers through <see cref="LanguageModelTokenizer"/>.
/// </summary>
public sealed class ByteLevelBpeVocabulary
{
    public const string EndOfText = "<|endoftext|>";
    public const string VocabFile = "vocab.json";
    public const string MergesFile = "merges.txt";
    public const string MergesHeader = "#version: 0.2";

    public ByteLevelBpeVocabulary(IReadOnlyDictionary<string, int> tokens, IReadOnlyList<BpeMerge> merges,
        IReadOnlyDictionary<string, int> specialTokens, SpecialTokenRoles roles)
    {
        foreach (var role in roles.All)
        {
            if (!specialTokens.ContainsKey(role))
                throw new ArgumentException($"special token '{role}' has a role but is not among the special tokens [{string.Join(", ", specialTokens.Keys)}]");
        }
        Tokens = tokens;
        Merges = merges;
        SpecialTokens = specialTokens;
        Roles = roles;
    }

    /// <summary>Every token with its id, special tokens included.</summary>
    public IReadOnlyDictionary<string, int> Tokens { get; }

    public IReadOnlyList<BpeMerge> Merges { get; }

    /// <summary>Tokens matched literally in text and never split (e.g. <c>&lt;|endoftext|&gt;</c>).</summary>
    public IReadOnlyDictionary<string, int> SpecialTokens { get; }

    public SpecialTokenRoles Roles { get; }

    /// <summary>
    /// True when a token's id is its merge priority: the 256 byte tokens come first and the token made by the
    /// n-th merge has the n-th id after them. Then ranking by id (tiktoken) and by merge order (Hugging Face) agree.
    /// </summary>
    internal bool IdsFollowMergeOrder()
    {
        var byteIds = ByteLevelAlphabet.TokensInIdOrder.Select(t => Tokens.TryGetValue(t, out var id) ? id : -1).ToArray();
        if (byteIds.Any(id => id < 0)) return false;
        var previous = byteIds.Max();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var merge in Merges)
        {
            if (!seen.Add(merge.Result) || !Tokens.TryGetValue(merge.Result, out var id) || id <= previous) return false;
            previous = id;
        }
        return Tokens.Count - SpecialTokens.Count(s => Tokens.ContainsKey(s.Key)) == 256 + Merges.Count;
    }

    /// <summary>Reads vocab.json + merges.txt (or GPT-2's original names encoder.json + vocab.bpe) and the special-token configs beside them.</summary>
    public static ByteLevelBpeVocabulary Load(string vocabPath, string mergesPath)
    {
        var tokens = ReadVocab(vocabPath);
        var merges = ReadMerges(mergesPath);
        var folder = Path.GetDirectoryName(Path.GetFullPath(vocabPath))!;

        var special = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (content, id) in HuggingFaceTokenizerConfig.ReadAddedTokens(folder)) special[content] = id;
        // GPT-2's encoder.json lists <|endoftext|> among ordinary tokens; anything spelled <|...|> is an added token.
        foreach (var (token, id) in tokens)
        {
            if (token.Length > 4 && token.StartsWith("<|", StringComparison.Ordinal) && token.EndsWith("|>", StringComparison.Ordinal)) special[token] = id;
        }
        var roles = HuggingFaceTokenizerConfig.ReadRoles(folder)
            ?? (special.ContainsKey(EndOfText) ? SpecialTokenRoles.EndOfText : new SpecialTokenRoles(null, null));
        foreach (var role in roles.All)
        {
            if (special.ContainsKey(role)) continue;
            special[role] = tokens.TryGetValue(role, out var id)
                ? id
                : throw new InvalidDataException($"{folder}: special token '{role}' named in the tokenizer config is not in {Path.GetFileName(vocabPath)}");
        }
        var all = new Dictionary<string, int>(tokens, StringComparer.Ordinal);
        foreach (var (content, id) in special) all[content] = id;
        return new ByteLevelBpeVocabulary(all, merges, special, roles);
    }

    /// <summary>
    /// Writes vocab.json, merges.txt, special_tokens_map.json and tokenizer_config.json into <paramref name="folder"/>
    /// (each file atomically), enough for <see cref="LanguageModelTokenizer.FromFolder"/> and for Hugging Face's GPT2Tokenizer.
    /// </summary>
    public void SaveTo(string folder)
    {
        Directory.CreateDirectory(folder);
        var vocab = new JsonObject();
        foreach (var (token, id) in Tokens.OrderBy(t => t.Value)) vocab[token] = id;
        AtomicFile.WriteAllText(Path.Combine(folder, VocabFile), vocab.ToJsonString(HuggingFaceTokenizerConfig.Json));

        var merges = new StringBuilder().Append(MergesHeader).Append('\n');
        foreach (var merge in Merges) merges.Append(merge.Left).Append(' ').Append(merge.Right).Append('\n');
        AtomicFile.WriteAllText(Path.Combine(folder, MergesFile), merges.ToString());

        HuggingFaceTokenizerConfig.Write(folder, "GPT2Tokenizer", Roles, SpecialTokens,
            [new("add_prefix_space", false), new("model_max_length", 1024)]);
    }

    private static Dictionary<string, int> ReadVocab(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(path))
                ?? throw new InvalidDataException($"{path}: expected a JSON object of token → id");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: expected a JSON object of token → id ({e.Message})", e);
        }
    }

    private static List<BpeMerge> ReadMerges(string path)
    {
        var merges = new List<BpeMerge>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || (lineNumber == 1 && line.StartsWith("#version", StringComparison.Ordinal))) continue;
            var parts = line.Split(' ');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                throw new InvalidDataException($"{path}:{lineNumber}: expected two tokens separated by one space, got '{line}'");
            merges.Add(new BpeMerge(parts[0], parts[1]));
        }
        return merges;
    }
}
