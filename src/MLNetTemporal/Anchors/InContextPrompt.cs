using MLNetTemporal.LanguageModels;

namespace MLNetTemporal.Anchors;

/// <summary>A labeled example shown in the prompt; <see cref="Class"/> indexes <see cref="InContextFormat.Classes"/>.</summary>
public sealed record Demonstration(string Text, int Class);

/// <summary>
/// The tokenized demonstrations of an in-context prompt and where things are in them: the label word of each
/// demonstration (the anchors), and the formatting tokens (start token, template words, separators) that
/// anchor-only compression keeps together with the label words. Queries are encoded to follow this context.
/// </summary>
public sealed class InContextPrompt
{
    private readonly LanguageModel _model;

    public InContextPrompt(LanguageModel model, InContextFormat format, IReadOnlyList<Demonstration> demonstrations)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(demonstrations);
        _model = model;
        Format = format;
        Demonstrations = [.. demonstrations];
        LabelTokens = format.LabelTokens(model.Tokenizer);
        var template = format.Template;
        var (context, spans) = ContextText(format, Demonstrations);
        ContextIds = TokenizeContext(model, context);
        if (ContextProblem(ContextIds.Length, Demonstrations.Count, MaxPositions) is { } problem) throw new ArgumentException(problem);

        // Token index where character offset c starts: the tokens of the text before it (trailing spaces belong to
        // the next word under GPT-2-style pre-tokenization), after the start token.
        int Boundary(int c) => 1 + model.Tokenizer.Encode(context[..c].TrimEnd()).Length;
        var isText = new bool[ContextIds.Length];
        var labels = new List<long>();
        for (int d = 0; d < spans.Count; d++)
        {
            var (textStart, textEnd, labelStart) = spans[d];
            for (int t = Boundary(textStart); t < Boundary(textEnd); t++) isText[t] = true;
            int p = Boundary(labelStart);
            int expected = LabelTokens[Demonstrations[d].Class];
            if (p >= ContextIds.Length || ContextIds[p] != expected)
                throw new ArgumentException($"demonstration {d}: the label word \"{format.LabelWords[Demonstrations[d].Class]}\" does not appear as token {expected} " +
                    $"after \"{template.Middle}\" in context (found \"{(p < ContextIds.Length ? model.Tokenizer.Decode([(int)ContextIds[p]]) : "")}\"); " +
                    "put any space between the template and the label into the label word");
            labels.Add(p);
        }
        LabelPositions = [.. labels];
        AnchorPositions = Enumerable.Range(0, ContextIds.Length).Where(i => !isText[i]).Select(i => (long)i).ToArray();
    }

    public InContextFormat Format { get; }
    public IReadOnlyList<Demonstration> Demonstrations { get; }

    /// <summary>The start token followed by the demonstrations' tokens.</summary>
    public long[] ContextIds { get; }

    /// <summary>Position of each demonstration's label word in <see cref="ContextIds"/>.</summary>
    public long[] LabelPositions { get; }

    /// <summary>Positions that are not text of a demonstration: start token, template, separators, label words.</summary>
    public long[] AnchorPositions { get; }

    /// <summary>The label word token of each class.</summary>
    public int[] LabelTokens { get; }

    public int MaxPositions => _model.Config.MaxPositions;
    public int ClassCount => Format.Classes.Count;

    /// <summary>
    /// The query's tokens to follow the context: separator, template prefix, text, and the template up to the label,
    /// trailing spaces left for the label word. Too long for the window is an error naming the lengths.
    /// </summary>
    public long[] EncodeQuery(string text)
    {
        var ids = TokenizeQuery(_model, Format, Demonstrations.Count, text);
        if (QueryProblem(ContextIds.Length, ids.Length, text, MaxPositions) is { } problem) throw new ArgumentException(problem);
        if (ids.Length == 0) throw new ArgumentException("the query is empty: the template has nothing before {label} and the text is empty");
        return ids;
    }

    /// <summary>
    /// Why a prompt of these demonstrations cannot classify every one of <paramref name="queries"/> within the model's
    /// window (what the constructor or <see cref="EncodeQuery(string)"/> would throw), or null when it can: for callers
    /// that skip a setting that does not fit rather than fail.
    /// </summary>
    public static string? WindowProblem(LanguageModel model, InContextFormat format, IReadOnlyList<Demonstration> demonstrations, IEnumerable<string> queries)
    {
        int window = model.Config.MaxPositions;
        int context = TokenizeContext(model, ContextText(format, demonstrations).Text).Length;
        return ContextProblem(context, demonstrations.Count, window)
            ?? queries.Select(q => QueryProblem(context, TokenizeQuery(model, format, demonstrations.Count, q).Length, q, window)).FirstOrDefault(p => p is not null);
    }

    /// <summary>The demonstrations as one text, and where each one's text and label word start in it.</summary>
    private static (string Text, List<(int TextStart, int TextEnd, int LabelStart)> Spans) ContextText(InContextFormat format, IReadOnlyList<Demonstration> demonstrations)
    {
        var template = format.Template;
        var text = new System.Text.StringBuilder();
        var spans = new List<(int TextStart, int TextEnd, int LabelStart)>();
        foreach (var demo in demonstrations)
        {
            if (demo.Class < 0 || demo.Class >= format.Classes.Count)
                throw new ArgumentOutOfRangeException(nameof(demonstrations), demo.Class, $"a demonstration's class must be 0..{format.Classes.Count - 1}");
            if (text.Length > 0) text.Append(format.Separator);
            text.Append(template.Prefix);
            int textStart = text.Length;
            text.Append(demo.Text).Append(template.Middle);
            spans.Add((textStart, textStart + demo.Text.Length, text.Length));
            text.Append(format.LabelWords[demo.Class]).Append(template.Suffix);
        }
        return (text.ToString(), spans);
    }

    private static long[] TokenizeContext(LanguageModel model, string context) =>
        [model.StartTokenId, .. model.Tokenizer.Encode(context).Select(i => (long)i)];

    /// <summary>The query's tokens: separator, template prefix, text, and the template up to the label, trailing spaces left for the label word.</summary>
    private static long[] TokenizeQuery(LanguageModel model, InContextFormat format, int demonstrationCount, string text)
    {
        var query = (demonstrationCount > 0 ? format.Separator : "") + format.Template.Prefix + text + format.Template.Middle.TrimEnd();
        return model.Tokenizer.Encode(query).Select(i => (long)i).ToArray();
    }

    private static string? ContextProblem(int contextLength, int demonstrationCount, int window) => contextLength >= window
        ? $"the {demonstrationCount} demonstrations take {contextLength} tokens, which leaves no room for a query in the model's window of {window} positions; use fewer or shorter demonstrations"
        : null;

    private static string? QueryProblem(int contextLength, int queryLength, string text, int window) => contextLength + queryLength > window
        ? $"the prompt is {contextLength + queryLength} tokens ({contextLength} of demonstrations, {queryLength} of the query " +
            $"\"{(text.Length > 40 ? text[..40] + "…" : text)}\"), longer than the model's window of {window} positions; use fewer demonstrations or shorter texts"
        : null;
}
