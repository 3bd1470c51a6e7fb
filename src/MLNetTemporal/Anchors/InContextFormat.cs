using MLNetTemporal.Text;

namespace MLNetTemporal.Anchors;

/// <summary>
/// How a classification task is put to a causal language model: the template, what joins demonstrations, and one
/// label word per class (inserted at <c>{label}</c> as given, so " Positive" carries its space). Each label word must
/// be a single token: the prediction compares the next-token logits of the label words' tokens.
/// </summary>
public sealed class InContextFormat
{
    public InContextFormat(string template, IReadOnlyList<string> classes, IReadOnlyList<string> labelWords, string separator = "\n")
    {
        Template = new PromptTemplate(template);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(labelWords);
        ArgumentNullException.ThrowIfNull(separator);
        if (classes.Count < 2) throw new ArgumentException($"in-context classification needs at least two classes, got {classes.Count}", nameof(classes));
        if (labelWords.Count != classes.Count)
            throw new ArgumentException($"{labelWords.Count} label words for {classes.Count} classes; give one label word per class", nameof(labelWords));
        if (classes.Distinct(StringComparer.Ordinal).Count() != classes.Count) throw new ArgumentException("class names must differ", nameof(classes));
        for (int i = 0; i < labelWords.Count; i++)
            if (string.IsNullOrWhiteSpace(labelWords[i])) throw new ArgumentException($"the label word of class '{classes[i]}' is empty", nameof(labelWords));
        Classes = [.. classes];
        LabelWords = [.. labelWords];
        Separator = separator;
    }

    public PromptTemplate Template { get; }
    public IReadOnlyList<string> Classes { get; }
    public IReadOnlyList<string> LabelWords { get; }
    public string Separator { get; }

    /// <summary>
    /// The token id of each class's label word; a word that is not exactly one token, or two classes sharing a token,
    /// is an error naming the word and its tokens.
    /// </summary>
    public int[] LabelTokens(LanguageModelTokenizer tokenizer)
    {
        var ids = new int[Classes.Count];
        for (int c = 0; c < Classes.Count; c++)
        {
            var tokens = tokenizer.Encode(LabelWords[c]);
            if (tokens.Length != 1)
                throw new ArgumentException($"the label word \"{LabelWords[c]}\" of class '{Classes[c]}' is {tokens.Length} tokens " +
                    $"[{string.Join(" | ", tokens.Select(t => tokenizer.Decode([t])))}] under this model's tokenizer; the method reads one token per class, " +
                    "so choose a label word that is a single token (mind the leading space)");
            ids[c] = tokens[0];
        }
        var clash = ids.GroupBy(i => i).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new ArgumentException($"classes {string.Join(" and ", ids.Select((id, c) => (id, c)).Where(x => x.id == clash.Key).Select(x => $"'{Classes[x.c]}'"))} share the label token {clash.Key}");
        return ids;
    }
}
