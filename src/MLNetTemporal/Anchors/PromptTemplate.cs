namespace MLNetTemporal.Anchors;

/// <summary>
/// An in-context template such as <c>Review: {text}\nSentiment:{label}</c>: <c>{text}</c> once, then <c>{label}</c>
/// once. A demonstration fills both; the query stops where the label word would start, so the model's next token
/// is the prediction.
/// </summary>
public sealed class PromptTemplate
{
    public const string TextSlot = "{text}";
    public const string LabelSlot = "{label}";

    public PromptTemplate(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        int text = template.IndexOf(TextSlot, StringComparison.Ordinal);
        int label = template.IndexOf(LabelSlot, StringComparison.Ordinal);
        if (text < 0 || label < 0)
            throw new ArgumentException($"the template \"{template}\" must contain {TextSlot} and {LabelSlot} (missing {(text < 0 ? TextSlot : LabelSlot)})", nameof(template));
        if (template.IndexOf(TextSlot, text + 1, StringComparison.Ordinal) >= 0 || template.IndexOf(LabelSlot, label + 1, StringComparison.Ordinal) >= 0)
            throw new ArgumentException($"the template \"{template}\" must contain {TextSlot} and {LabelSlot} once each", nameof(template));
        if (label < text)
            throw new ArgumentException($"the template \"{template}\" puts {LabelSlot} before {TextSlot}; the label must follow the text", nameof(template));
        Text = template;
        Prefix = template[..text];
        Middle = template[(text + TextSlot.Length)..label];
        Suffix = template[(label + LabelSlot.Length)..];
    }

    public string Text { get; }
    /// <summary>Before <c>{text}</c>.</summary>
    public string Prefix { get; }
    /// <summary>Between <c>{text}</c> and <c>{label}</c>.</summary>
    public string Middle { get; }
    /// <summary>After <c>{label}</c> (part of a demonstration only).</summary>
    public string Suffix { get; }

    public override string ToString() => Text;
}
