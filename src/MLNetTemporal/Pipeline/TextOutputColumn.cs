using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetTemporal.Pipeline;

/// <summary>
/// A column a text-model transformer adds. Its type is Single, Int32, Boolean, a UInt32 key (mapped as <c>uint[]</c>)
/// or a known-size Single vector; annotations (slot names, key values) are optional.
/// </summary>
internal sealed record TextOutputColumn(string Name, DataViewType Type, DataViewSchema.Annotations? Annotations = null);
