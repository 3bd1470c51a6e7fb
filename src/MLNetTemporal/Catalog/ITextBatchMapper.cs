namespace MLNetTemporal.Catalog;

/// <summary>Computes a transformer's added columns for a batch of texts at once (one model forward pass).</summary>
internal interface ITextBatchMapper
{
    string InputColumnName { get; }
    int BatchSize { get; }
    IReadOnlyList<TextOutputColumn> OutputColumns { get; }

    /// <summary>
    /// One array per output column, in <see cref="OutputColumns"/> order, with one element per text:
    /// <c>float[]</c>, <c>int[]</c>, <c>uint[]</c> for keys, or <c>float[][]</c> for vector columns.
    /// </summary>
    Array[] Map(IReadOnlyList<string> texts);
}
