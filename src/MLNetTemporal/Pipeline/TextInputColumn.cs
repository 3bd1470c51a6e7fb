using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetTemporal.Pipeline;

/// <summary>Checks that the column a text-model transform reads exists and holds scalar text.</summary>
internal static class TextInputColumn
{
    private const string Expected = "String (scalar text)";

    /// <summary>For estimators' GetOutputSchema, before any data is seen.</summary>
    public static void Validate(SchemaShape inputSchema, string name)
    {
        var found = inputSchema.Where(c => c.Name == name).ToList();
        if (found.Count == 0)
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Input column '{name}' not found; expected type {Expected}");
        var column = found[^1];
        if (column.Kind != SchemaShape.Column.VectorKind.Scalar || column.ItemType is not TextDataViewType)
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"Input column '{name}' has type {Describe(column)}; expected type {Expected}");
    }

    /// <summary>For Fit and for transformers, against real data.</summary>
    public static DataViewSchema.Column Validate(DataViewSchema inputSchema, string name)
    {
        var column = inputSchema.GetColumnOrNull(name)
            ?? throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Input column '{name}' not found; expected type {Expected}");
        if (column.Type is not TextDataViewType)
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Input column '{name}' has type {column.Type}; expected type {Expected}");
        return column;
    }

    private static string Describe(SchemaShape.Column column) => column.Kind switch
    {
        SchemaShape.Column.VectorKind.Vector => $"Vector<{column.ItemType}>",
        SchemaShape.Column.VectorKind.VariableVector => $"VarVector<{column.ItemType}>",
        _ => $"{column.ItemType}",
    };
}
