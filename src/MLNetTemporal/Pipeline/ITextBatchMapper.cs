namespace MLNetTemporal.Pipeline;

/// <summary>What <see cref="BatchedTextDataView"/> needs of a transformer: its columns, and their values for a batch of rows.</summary>
internal interface ITextBatchMapper
{
    /// <summary>Every text column read, in the order <see cref="MapColumns"/> gets them (one, for most transformers).</summary>
    IReadOnlyList<string> InputColumnNames { get; }

    int BatchSize { get; }

    IReadOnlyList<TextOutputColumn> OutputColumns { get; }

    /// <summary>
    /// One array per output column, in <see cref="OutputColumns"/> order, with one element per row, from the batch's
    /// texts of each input column (see <see cref="TextOutputColumn"/> for the array types).
    /// </summary>
    Array[] MapColumns(IReadOnlyList<IReadOnlyList<string>> columns);
}
