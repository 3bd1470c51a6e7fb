namespace MLNetTemporal.Data;

/// <summary>A piece of text with the date it was written (or is about).</summary>
public readonly record struct DatedText(DateOnly Date, string Text);
