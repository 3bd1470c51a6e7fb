namespace MLNetTemporal.Data;

/// <summary>A row read from a dated TSV, with its date at the precision the file gave and its 1-based line.</summary>
public readonly record struct DatedTsvRow(Period Period, string Text, int Line)
{
    /// <summary>The row as <see cref="DatedText"/>; a year or month becomes its first day.</summary>
    public DatedText ToDatedText() => new(Period.Start, Text);
}
