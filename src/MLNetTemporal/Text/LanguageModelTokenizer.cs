using System.Text;
using Microsoft.ML.Tokenizers;
using MLNetTemporal.Runtime;

namespace MLNetTemporal.Text;

/// <summary>
/// A Microsoft.ML.Tokenizers tokenizer plus what a language model needs around it: the vocabulary size for the
/// embedding table, begin/end/padding ids, and saving into a checkpoint folder that both this library and
/// Hugging Face can load. All encoding and decoding is done by <see cref="Inner"/>.
/// </summary>
public sealed class LanguageModelTokenizer
{
    public const string ByteLevelBpeKind = "byte-level-bpe";
    public const string SentencePieceKind = "sentencepiece";
    public const string SentencePieceModelFile = "tokenizer.model";
    public const string TiktokenKind = "tiktoken";
    /// <summary>Names the tiktoken encoding of a folder; its ranks ship in the Microsoft.ML.Tokenizers.Data packages.</summary>
    public const string TiktokenFile = "tiktoken.json";

    private readonly Func<IEnumerable<int>, string> decode;
    private readonly Action<string> save;

    private LanguageModelTokenizer(Tokenizer inner, string kind, int vocabSize, int? bosId, int? eosId, int? padId,
        Func<IEnumerable<int>, string> decode, Action<string> save)
    {
        Inner = inner;
        Kind = kind;
        VocabSize = vocabSize;
        BosId = bosId;
        EosId = eosId;
        PadId = padId ?? eosId ?? throw new InvalidDataException($"{kind} tokenizer has neither a padding nor an end-of-text token");
        this.decode = decode;
        this.save = save;
    }

    public Tokenizer Inner { get; }

    /// <summary><see cref="ByteLevelBpeKind"/> or <see cref="SentencePieceKind"/>.</summary>
    public string Kind { get; }

    /// <summary>Rows the embedding table needs: one past the largest id.</summary>
    public int VocabSize { get; }

    public int? BosId { get; }

    public int? EosId { get; }

    /// <summary>The padding token, or the end-of-text token where the vocabulary has no padding token (GPT-2, Llama).</summary>
    public int PadId { get; }

    public int[] Encode(string text, bool addBos = false)
    {
        var ids = Inner.EncodeToIds(text);
        if (!addBos) return [.. ids];
        var bos = BosId ?? throw new InvalidOperationException($"{Kind} tokenizer has no begin-of-sequence token; encode with addBos: false");
        return [bos, .. ids];
    }

    public string Decode(IEnumerable<int> ids) => decode(ids);

    /// <summary>Writes the files that reload this tokenizer into <paramref name="folder"/>, each atomically, leaving other files there alone.</summary>
    public void SaveTo(string folder) => save(folder);

    /// <summary>
    /// Loads the tokenizer stored in <paramref name="folder"/>: a SentencePiece <c>tokenizer.model</c> (Llama), or a
    /// byte-level BPE as <c>vocab.json</c> + <c>merges.txt</c> (GPT-2's original names <c>encoder.json</c> + <c>vocab.bpe</c> also work).
    /// </summary>
    public static LanguageModelTokenizer FromFolder(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"tokenizer folder '{folder}' does not exist");
        var model = Path.Combine(folder, SentencePieceModelFile);
        if (File.Exists(model)) return FromSentencePiece(File.ReadAllBytes(model));
        foreach (var (vocab, merges) in new[] { (ByteLevelBpeVocabulary.VocabFile, ByteLevelBpeVocabulary.MergesFile), ("encoder.json", "vocab.bpe") })
        {
            var vocabPath = Path.Combine(folder, vocab);
            var mergesPath = Path.Combine(folder, merges);
            if (File.Exists(vocabPath) && File.Exists(mergesPath)) return FromByteLevelBpe(ByteLevelBpeVocabulary.Load(vocabPath, mergesPath));
        }
        var tiktoken = Path.Combine(folder, TiktokenFile);
        if (File.Exists(tiktoken))
        {
            var name = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(tiktoken))?["encoding"]?.GetValue<string>()
                ?? throw new InvalidDataException($"{tiktoken}: expected {{\"encoding\": \"cl100k_base\"}}");
            return FromTiktoken(name);
        }
        var present = string.Join(", ", Directory.EnumerateFiles(folder).Select(Path.GetFileName).Order());
        throw new FileNotFoundException(
            $"no tokenizer in '{folder}': looked for {SentencePieceModelFile}, or vocab.json + merges.txt, or encoder.json + vocab.bpe, or {TiktokenFile}; found [{present}]");
    }

    /// <summary>
    /// A byte-level BPE tokenizer. Where ids follow merge order (GPT-2, vocabularies from <see cref="ByteLevelBpeTrainer"/>)
    /// it runs as tiktoken, which ranks merges by id and reproduces Hugging Face exactly; otherwise (e.g. Hugging Face's
    /// tiny-random-gpt2, whose ids are not merge ranks and which lacks some bytes) it runs as the merges-driven BPE.
    /// </summary>
    public static LanguageModelTokenizer FromByteLevelBpe(ByteLevelBpeVocabulary vocabulary)
    {
        var special = vocabulary.SpecialTokens;
        var preTokenizer = new RegexPreTokenizer(Gpt2PreTokenization.Regex(), special);
        Tokenizer inner;
        Func<IEnumerable<int>, string> decode;
        if (vocabulary.IdsFollowMergeOrder())
        {
            var tiktoken = TiktokenTokenizer.Create(TiktokenRanks(vocabulary), preTokenizer, normalizer: null, specialTokens: special);
            inner = tiktoken;
            decode = ids => tiktoken.Decode(ids);
        }
        else
        {
            var bpe = BpeTokenizer.Create(new BpeOptions(vocabulary.Tokens.Where(t => !special.ContainsKey(t.Key)))
            {
                Merges = vocabulary.Merges.Select(m => m.ToString()),
                ByteLevel = true,
                PreTokenizer = preTokenizer,
                SpecialTokens = special,
            });
            inner = bpe;
            decode = ids => bpe.Decode(ids, considerSpecialTokens: true);
        }
        var roles = vocabulary.Roles;
        int? Id(string? token) => token is null ? null : special[token];
        return new LanguageModelTokenizer(inner, ByteLevelBpeKind, vocabulary.Tokens.Values.Max() + 1,
            Id(roles.Bos), Id(roles.Eos), Id(roles.Pad), decode, vocabulary.SaveTo);
    }

    /// <summary>
    /// A tiktoken encoding by model or encoding name ("gpt-4", "gpt-4o", "cl100k_base", "o200k_base"), with ranks from
    /// the Microsoft.ML.Tokenizers.Data packages, which the application references (Microsoft.ML.Tokenizers.Data.Cl100kBase
    /// for cl100k_base, .O200kBase for o200k_base): the core package stays free of megabytes of ranks few users need.
    /// Saved folders record the name in <see cref="TiktokenFile"/>.
    /// </summary>
    public static LanguageModelTokenizer FromTiktoken(string modelOrEncoding)
    {
        var model = modelOrEncoding switch
        {
            "cl100k_base" => "gpt-4",
            "o200k_base" => "gpt-4o",
            _ => modelOrEncoding,
        };
        TiktokenTokenizer tiktoken;
        try
        {
            tiktoken = TiktokenTokenizer.CreateForModel(model);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or InvalidOperationException)
        {
            throw new ArgumentException($"tiktoken encoding '{modelOrEncoding}' is not available (cl100k_base / gpt-4, o200k_base / gpt-4o): {e.Message}", nameof(modelOrEncoding), e);
        }
        const string endOfText = "<|endoftext|>";
        int? eos = tiktoken.SpecialTokens is { } special && special.TryGetValue(endOfText, out var id) ? id : null;
        // The special tokens follow the mergeable ranks in every published encoding, so the largest is the last id.
        int vocabSize = (tiktoken.SpecialTokens?.Values.DefaultIfEmpty(0).Max() ?? 0) + 1;
        void Save(string folder)
        {
            Directory.CreateDirectory(folder);
            AtomicFile.WriteAllText(Path.Combine(folder, TiktokenFile), System.Text.Json.JsonSerializer.Serialize(new { encoding = modelOrEncoding }));
        }
        return new LanguageModelTokenizer(tiktoken, TiktokenKind, vocabSize, null, eos, null, ids => tiktoken.Decode(ids), Save);
    }

    /// <summary>A Llama-style SentencePiece tokenizer from the bytes of a <c>tokenizer.model</c>.</summary>
    public static LanguageModelTokenizer FromSentencePiece(byte[] model)
    {
        var llama = LlamaTokenizer.Create(new MemoryStream(model, writable: false), addBeginOfSentence: false, addEndOfSentence: false);
        void Save(string folder)
        {
            Directory.CreateDirectory(folder);
            AtomicFile.WriteAllBytes(Path.Combine(folder, SentencePieceModelFile), model);
            HuggingFaceTokenizerConfig.Write(folder, "LlamaTokenizer",
                new SpecialTokenRoles(llama.BeginningOfSentenceToken, llama.EndOfSentenceToken, null, llama.UnknownToken),
                new Dictionary<string, int>
                {
                    [llama.UnknownToken] = llama.UnknownId,
                    [llama.BeginningOfSentenceToken] = llama.BeginningOfSentenceId,
                    [llama.EndOfSentenceToken] = llama.EndOfSentenceId,
                },
                [new("add_bos_token", true), new("add_eos_token", false)]);
        }
        return new LanguageModelTokenizer(llama, SentencePieceKind, llama.Vocabulary.Values.Max() + 1,
            llama.BeginningOfSentenceId, llama.EndOfSentenceId, null,
            ids => llama.Decode(ids, considerSpecialTokens: false), Save);
    }

    // tiktoken's rank file: one "base64(token bytes) rank" line per ordinary token.
    private static MemoryStream TiktokenRanks(ByteLevelBpeVocabulary vocabulary)
    {
        var text = new StringBuilder();
        foreach (var (token, id) in vocabulary.Tokens.OrderBy(t => t.Value))
        {
            if (vocabulary.SpecialTokens.ContainsKey(token)) continue;
            var bytes = ByteLevelAlphabet.TryDecode(token)
                ?? throw new InvalidDataException($"vocabulary token '{token}' (id {id}) is neither byte-level text nor a special token");
            text.Append(Convert.ToBase64String(bytes)).Append(' ').Append(id).Append('\n');
        }
        return new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()), writable: false);
    }
}
