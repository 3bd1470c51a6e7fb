using Microsoft.ML.Data;

namespace MLNetTemporal.Catalog;

/// <summary>A column a text-model transformer adds. Its type is Single, Int32, Boolean or a known-size Single vector.</summary>
internal sealed record TextOutputColumn(string Name, DataViewType Type);
