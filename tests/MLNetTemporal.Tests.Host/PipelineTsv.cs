using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetTemporal.Tests.Host;

/// <summary>
/// The exchange format between a test and the host process: a header of column names, then one line per row.
/// Floats are written round-trip exact, so equal files mean bit-equal outputs. Compiled into both projects.
/// </summary>
public static class PipelineTsv
{
    /// <summary>Reads a file written by <see cref="Write"/> with the given schema's scalar columns.</summary>
    public static IDataView Read(MLContext mlContext, DataViewSchema schema, string path)
    {
        var columns = schema.Where(c => !c.IsHidden).Select((c, i) => new TextLoader.Column(c.Name, Kind(c), i)).ToArray();
        return mlContext.Data.LoadFromTextFile(path, new TextLoader.Options
        {
            Columns = columns, HasHeader = true, Separators = ['\t'], AllowQuoting = false, TrimWhitespace = false,
        });
    }

    /// <summary>Writes every visible text, Single, Int32 or Single-vector column (vector values separated by spaces).</summary>
    public static void Write(IDataView data, string path)
    {
        var columns = data.Schema.Where(c => !c.IsHidden && IsWritable(c.Type)).ToList();
        using var writer = new StreamWriter(path);
        writer.WriteLine(string.Join('\t', columns.Select(c => c.Name)));
        using var cursor = data.GetRowCursor(columns);
        var readers = columns.Select(c => Reader(cursor, c)).ToList();
        while (cursor.MoveNext()) writer.WriteLine(string.Join('\t', readers.Select(r => r())));
    }

    private static DataKind Kind(DataViewSchema.Column column) => column.Type switch
    {
        TextDataViewType => DataKind.String,
        NumberDataViewType t when t.RawType == typeof(float) => DataKind.Single,
        NumberDataViewType t when t.RawType == typeof(int) => DataKind.Int32,
        _ => throw new NotSupportedException($"column '{column.Name}' of type {column.Type} cannot be read from TSV"),
    };

    private static bool IsWritable(DataViewType type) =>
        type is TextDataViewType || type == NumberDataViewType.Single || type == NumberDataViewType.Int32 ||
        type is VectorDataViewType { ItemType: var item } && item == NumberDataViewType.Single;

    private static Func<string> Reader(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        switch (column.Type)
        {
            case TextDataViewType:
            {
                var get = cursor.GetGetter<ReadOnlyMemory<char>>(column);
                var value = default(ReadOnlyMemory<char>);
                return () => { get(ref value); return value.ToString(); };
            }
            case VectorDataViewType:
            {
                var get = cursor.GetGetter<VBuffer<float>>(column);
                var value = default(VBuffer<float>);
                return () => { get(ref value); return string.Join(' ', value.DenseValues().Select(Format)); };
            }
            case var t when t == NumberDataViewType.Int32:
            {
                var get = cursor.GetGetter<int>(column);
                int value = 0;
                return () => { get(ref value); return value.ToString(CultureInfo.InvariantCulture); };
            }
            default:
            {
                var get = cursor.GetGetter<float>(column);
                float value = 0;
                return () => { get(ref value); return Format(value); };
            }
        }
    }

    private static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
