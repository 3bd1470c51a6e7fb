using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetTemporal.Anchors;

/// <summary>Reads the class names and the labeled rows of an in-context estimator's training data.</summary>
internal static class LabelColumn
{
    private const string Expected = "Key<UInt32> with text key values (use mlContext.Transforms.Conversion.MapValueToKey)";

    public static void Validate(SchemaShape schema, string name)
    {
        var column = schema.Where(c => c.Name == name).Select(c => (SchemaShape.Column?)c).LastOrDefault()
            ?? throw new ArgumentOutOfRangeException(nameof(schema), $"Label column '{name}' not found; expected type {Expected}");
        if (!column.IsKey || column.Kind != SchemaShape.Column.VectorKind.Scalar)
            throw new ArgumentOutOfRangeException(nameof(schema), $"Label column '{name}' has type {column.ItemType}; expected type {Expected}");
    }

    /// <summary>The class names (the key values) of the label column.</summary>
    public static string[] Classes(DataViewSchema schema, string name)
    {
        var column = schema.GetColumnOrNull(name)
            ?? throw new ArgumentOutOfRangeException(nameof(schema), $"Label column '{name}' not found; expected type {Expected}");
        if (column.Type is not KeyDataViewType key || key.RawType != typeof(uint))
            throw new ArgumentOutOfRangeException(nameof(schema), $"Label column '{name}' has type {column.Type}; expected type {Expected}");
        if (column.Annotations.Schema.GetColumnOrNull("KeyValues")?.Type is not VectorDataViewType { ItemType: TextDataViewType })
            throw new ArgumentOutOfRangeException(nameof(schema), $"Label column '{name}' has no text key values to name its classes; expected type {Expected}");
        var values = default(VBuffer<ReadOnlyMemory<char>>);
        column.GetKeyValues(ref values);
        return values.DenseValues().Select(v => v.ToString()).ToArray();
    }

    /// <summary>Rows with a text and a class (missing keys skipped).</summary>
    public static List<Demonstration> Rows(IDataView data, string textColumn, string labelColumn)
    {
        var text = data.Schema[textColumn];
        var label = data.Schema[labelColumn];
        var rows = new List<Demonstration>();
        using var cursor = data.GetRowCursor([text, label]);
        var readText = cursor.GetGetter<ReadOnlyMemory<char>>(text);
        var readLabel = cursor.GetGetter<uint>(label);
        var t = default(ReadOnlyMemory<char>);
        uint k = 0;
        while (cursor.MoveNext())
        {
            readText(ref t);
            readLabel(ref k);
            if (k > 0) rows.Add(new Demonstration(t.ToString(), (int)k - 1));
        }
        return rows;
    }
}
