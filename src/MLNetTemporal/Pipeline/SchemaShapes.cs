using System.Runtime.CompilerServices;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetTemporal.Pipeline;

/// <summary>Builds the <see cref="SchemaShape"/> an estimator outside ML.NET promises to produce.</summary>
/// <remarks>
/// ML.NET keeps <c>SchemaShape.Column</c>'s constructor and <c>SchemaShape.Create(DataViewSchema)</c> internal
/// (dotnet/machinelearning#3243, #4911), so an external estimator cannot describe the columns it adds through any
/// public member. The column is a struct of public readonly fields and its constructor only assigns them, so a
/// default instance is filled in through references instead: same result, no reflection on private members.
/// </remarks>
internal static class SchemaShapes
{
    /// <summary>The input's columns with <paramref name="added"/> appended, replacing input columns of the same name.</summary>
    public static SchemaShape WithColumns(SchemaShape input, IEnumerable<TextOutputColumn> added)
    {
        var columns = added.Select(c => Column(c.Name, c.Type)).ToList();
        var names = columns.Select(c => c.Name).ToHashSet();
        return new SchemaShape(input.Where(c => !names.Contains(c.Name)).Concat(columns));
    }

    /// <summary>
    /// The shape of a known schema (its visible columns, annotations left out): what ML.NET's internal
    /// <c>SchemaShape.Create</c> gives, for callers of an estimator's GetOutputSchema that hold a DataViewSchema.
    /// </summary>
    internal static SchemaShape FromSchema(DataViewSchema schema) =>
        new(schema.Where(c => !c.IsHidden).Select(c => Column(c.Name, c.Type)));

    private static SchemaShape.Column Column(string name, DataViewType type)
    {
        var (kind, item) = type switch
        {
            VectorDataViewType { IsKnownSize: true } v => (SchemaShape.Column.VectorKind.Vector, v.ItemType),
            VectorDataViewType v => (SchemaShape.Column.VectorKind.VariableVector, v.ItemType),
            _ => (SchemaShape.Column.VectorKind.Scalar, type),
        };
        var column = default(SchemaShape.Column);
        Unsafe.AsRef(in column.Name) = name;
        Unsafe.AsRef(in column.Kind) = kind;
        Unsafe.AsRef(in column.ItemType) = item;
        Unsafe.AsRef(in column.IsKey) = item is KeyDataViewType;
        Unsafe.AsRef(in column.Annotations) = new SchemaShape([]);
        return column;
    }
}
