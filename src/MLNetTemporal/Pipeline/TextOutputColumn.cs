using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetTemporal.Pipeline;

/// <summary>
/// A column a text-model transformer adds, as its <c>OutputColumns</c> and its estimator's <c>OutputColumns</c> declare
/// it. The transformer's <c>Map</c> fills it with one array per batch: <c>float[]</c> for Single, <c>int[]</c> for
/// Int32, <c>bool[]</c> for Boolean, <c>uint[]</c> for a UInt32 key, <c>float[][]</c> for a known-size Single vector.
/// Annotations (slot names, key values) are optional.
/// </summary>
public sealed record TextOutputColumn(string Name, DataViewType Type, DataViewSchema.Annotations? Annotations = null)
{
    /// <summary>Whether a batched text transformer can serve a column of this type (see the summary for the list).</summary>
    internal static bool IsServable(DataViewType type) => type switch
    {
        VectorDataViewType v => v.IsKnownSize && v.ItemType == NumberDataViewType.Single,
        KeyDataViewType k => k.RawType == typeof(uint),
        BooleanDataViewType => true,
        _ => type == NumberDataViewType.Single || type == NumberDataViewType.Int32,
    };
}
