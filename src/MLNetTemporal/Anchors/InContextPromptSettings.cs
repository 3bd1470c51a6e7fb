namespace MLNetTemporal.Anchors;

/// <summary>
/// How a classification task is put to the model before its classes are known: the template, what joins
/// demonstrations, label words for some or all classes, and how many demonstrations of each class. The in-context
/// estimators and the anchor study both turn these into an <see cref="InContextFormat"/> with <see cref="Format"/>,
/// and the CLI parses its label words with <see cref="ParseLabelWords"/>, so the same settings give the same prompts
/// from the library, a study and the command line.
/// </summary>
public sealed record InContextPromptSettings
{
    /// <summary>With <c>{text}</c> and then <c>{label}</c>, each once.</summary>
    public string Template { get; init; } = "Review: {text}\nSentiment:{label}";

    /// <summary>What joins demonstrations (and the query to them).</summary>
    public string Separator { get; init; } = "\n";

    /// <summary>
    /// Label word per class name, inserted at <c>{label}</c> as given (so " Positive" carries its space); each must
    /// be one token. A class not listed uses a space and its name.
    /// </summary>
    public IReadOnlyDictionary<string, string> LabelWords { get; init; } = new Dictionary<string, string>();

    /// <summary>Demonstrations of each class in the prompt.</summary>
    public int DemonstrationsPerClass { get; init; } = 1;

    /// <summary>Throws naming the setting at fault, before any data is read.</summary>
    public void Validate()
    {
        _ = new PromptTemplate(Template);
        ArgumentNullException.ThrowIfNull(Separator, nameof(Separator));
        ArgumentNullException.ThrowIfNull(LabelWords, nameof(LabelWords));
        if (DemonstrationsPerClass < 1)
            throw new ArgumentOutOfRangeException(nameof(DemonstrationsPerClass), DemonstrationsPerClass, "DemonstrationsPerClass must be at least 1");
    }

    /// <summary>
    /// The format for <paramref name="classes"/>: each class's label word from <see cref="LabelWords"/>, else a space
    /// and the class name. A label word for a class that <paramref name="classSource"/> (e.g. "column 'Label'")
    /// does not have is an error, since it is most likely a misspelt class.
    /// </summary>
    public InContextFormat Format(IReadOnlyList<string> classes, string classSource)
    {
        ArgumentNullException.ThrowIfNull(classes);
        var unknown = LabelWords.Keys.Except(classes).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"LabelWords names classes that {classSource} does not have: {string.Join(", ", unknown)} (classes: {string.Join(", ", classes)})");
        return new InContextFormat(Template, classes, classes.Select(c => LabelWords.TryGetValue(c, out var word) ? word : Spaced(c)).ToArray(), Separator);
    }

    /// <summary>
    /// Label words written as <c>class=word,class=word</c> (the CLI's --label-words); each word gets the leading space
    /// the default label words have, so "pos=Positive" means " Positive". <paramref name="source"/> names the text in errors.
    /// </summary>
    public static Dictionary<string, string> ParseLabelWords(string? pairs, string source = nameof(LabelWords))
    {
        var words = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(pairs)) return words;
        foreach (var pair in pairs.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length != 2 || parts[0].Trim().Length == 0 || parts[1].Trim().Length == 0)
                throw new ArgumentException($"{source}: '{pair}' is not class=word");
            words[parts[0].Trim()] = Spaced(parts[1].Trim());
        }
        return words;
    }

    // GPT-2-style tokenizers keep a word after a space as one token, and the template leaves no space before {label}.
    private static string Spaced(string word) => " " + word;
}
