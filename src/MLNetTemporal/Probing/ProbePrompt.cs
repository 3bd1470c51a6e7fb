using MLNetTemporal.LanguageModels;

namespace MLNetTemporal.Probing;

/// <summary>
/// How an entity becomes the token ids the model reads, and which of them are the entity's. Immutable; the random
/// variant draws its token ids once from <see cref="Seed"/>, so every entity shares them.
/// </summary>
public sealed record ProbePrompt
{
    /// <summary>Where the entity goes in a <see cref="ProbePromptKind.Template"/>; without it the template is a prefix.</summary>
    public const string Placeholder = "{entity}";

    public ProbePromptKind Kind { get; init; } = ProbePromptKind.Empty;

    /// <summary>The descriptive text of <see cref="ProbePromptKind.Template"/> prompts.</summary>
    public string Template { get; init; } = "";

    /// <summary>How many random token ids the random variant puts before the entity.</summary>
    public int RandomTokens { get; init; } = 10;

    public int Seed { get; init; } = 42;

    public static ProbePrompt Empty { get; } = new();
    public static ProbePrompt AllCaps { get; } = new() { Kind = ProbePromptKind.AllCaps };
    public static ProbePrompt RandomTokenPrefix(int seed = 42, int tokens = 10) => new() { Kind = ProbePromptKind.Random, Seed = seed, RandomTokens = tokens };
    public static ProbePrompt Descriptive(string template) => new() { Kind = ProbePromptKind.Template, Template = template };

    /// <summary>"empty", "random", "allcaps", or any other text as a descriptive template (the CLI's --prompt).</summary>
    public static ProbePrompt Parse(string text, int seed = 42) => text.Trim().ToLowerInvariant() switch
    {
        "" or "empty" => Empty,
        "random" => RandomTokenPrefix(seed),
        "allcaps" or "all-caps" => AllCaps,
        _ => Descriptive(text),
    };

    /// <summary>A short label for reports.</summary>
    public string Label => Kind switch
    {
        ProbePromptKind.Template => $"\"{Template}\"",
        ProbePromptKind.Random => $"random({RandomTokens}, seed {Seed})",
        _ => Kind.ToString().ToLowerInvariant(),
    };

    internal void Validate()
    {
        if (!Enum.IsDefined(Kind)) throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown prompt kind");
        if (Kind == ProbePromptKind.Template && string.IsNullOrEmpty(Template))
            throw new ArgumentException("a Template prompt needs a non-empty Template (a prefix, or text with {entity})", nameof(Template));
        if (Kind == ProbePromptKind.Random && RandomTokens < 1)
            throw new ArgumentOutOfRangeException(nameof(RandomTokens), RandomTokens, "RandomTokens must be at least 1");
    }

    /// <summary>
    /// The ids (start token first, cut to <paramref name="maxTokens"/>) and the entity's token range [Start, End).
    /// An entity token is one whose text overlaps the entity's characters; a prompt cut before the entity, or an
    /// empty entity, gives the range of the last token.
    /// </summary>
    public EncodedPrompt Encode(LanguageModel model, string entity, int maxTokens)
    {
        var limit = Math.Min(maxTokens, model.Config.MaxPositions);
        if (Kind == ProbePromptKind.AllCaps) entity = entity.ToUpperInvariant();
        List<int> ids = [model.StartTokenId];
        int entityStart;
        int entityEnd;
        if (Kind == ProbePromptKind.Random)
        {
            ids.AddRange(RandomIds(model));
            entityStart = ids.Count;
            ids.AddRange(model.Tokenizer.Encode(entity));
            entityEnd = ids.Count;
        }
        else
        {
            var (prefix, suffix) = Kind == ProbePromptKind.Template ? Split(Template) : ("", "");
            var text = prefix + entity + suffix;
            var tokens = model.Tokenizer.Encode(text);
            (entityStart, entityEnd) = Overlapping(model, tokens, prefix.Length, prefix.Length + entity.Length);
            (entityStart, entityEnd) = (entityStart + 1, entityEnd + 1);
            ids.AddRange(tokens);
        }
        if (ids.Count > limit) ids.RemoveRange(limit, ids.Count - limit);
        entityEnd = Math.Min(entityEnd, ids.Count);
        if (entityStart >= entityEnd) (entityStart, entityEnd) = (ids.Count - 1, ids.Count);
        return new EncodedPrompt([.. ids], entityStart, entityEnd);
    }

    private int[] RandomIds(LanguageModel model)
    {
        var special = new HashSet<int?> { model.Tokenizer.BosId, model.Tokenizer.EosId, model.Tokenizer.PadId, model.StartTokenId };
        var random = new Random(Seed);
        var result = new int[RandomTokens];
        for (int i = 0; i < result.Length; i++)
        {
            int id;
            do id = random.Next(Math.Min(model.Tokenizer.VocabSize, model.Config.VocabSize)); while (special.Contains(id));
            result[i] = id;
        }
        return result;
    }

    private static (string Prefix, string Suffix) Split(string template)
    {
        var at = template.IndexOf(Placeholder, StringComparison.Ordinal);
        return at < 0 ? (template, "") : (template[..at], template[(at + Placeholder.Length)..]);
    }

    /// <summary>Tokens whose decoded characters overlap [from, to), found by decoding growing prefixes of the ids.</summary>
    private static (int Start, int End) Overlapping(LanguageModel model, int[] tokens, int from, int to)
    {
        if (from == to) return (tokens.Length, tokens.Length);
        int start = -1, end = -1, previous = 0;
        for (int i = 0; i < tokens.Length; i++)
        {
            int upTo = model.Tokenizer.Decode(tokens.Take(i + 1)).Length;
            if (upTo > from && previous < to)
            {
                if (start < 0) start = i;
                end = i + 1;
            }
            previous = upTo;
        }
        return start < 0 ? (tokens.Length, tokens.Length) : (start, end);
    }
}

/// <summary>A prompt's token ids and the entity's token range [EntityStart, EntityEnd).</summary>
public sealed record EncodedPrompt(int[] Ids, int EntityStart, int EntityEnd);
