using System.Text;
using MLNetTemporal.Runtime;

namespace MLNetTemporal.Data;

public sealed record DatedTextTsvOptions
{
    public string DateColumn { get; init; } = "Date";

    public string TextColumn { get; init; } = "Text";
}

/// <summary>
/// Dated text as tab-separated values with a header row. Dates are YYYY, YYYY-MM or YYYY-MM-DD. Writing rejects
/// text containing tabs or line breaks rather than escaping them, so every file reads back exactly as written.
/// </summary>
public static class DatedTextTsv
{
    public static IReadOnlyList<DatedText> Read(string path, DatedTextTsvOptions? options = null) =>
        ReadRows(path, options).Select(r => r.ToDatedText()).ToArray();

    public static IReadOnlyList<DatedTsvRow> ReadRows(string path, DatedTextTsvOptions? options = null)
    {
        options ??= new DatedTextTsvOptions();
        using var lines = File.ReadLines(path).GetEnumerator();
        if (!lines.MoveNext() || lines.Current.Trim().Length == 0)
            throw new InvalidDataException($"{path}: file is empty; expected a header row with columns '{options.DateColumn}' and '{options.TextColumn}'");
        var header = lines.Current.TrimStart('\uFEFF').Split('\t');
        var dateIndex = ColumnIndex(path, header, options.DateColumn);
        var textIndex = ColumnIndex(path, header, options.TextColumn);

        var rows = new List<DatedTsvRow>();
        for (var line = 2; lines.MoveNext(); line++)
        {
            if (lines.Current.Length == 0) continue;
            var cells = lines.Current.Split('\t');
            if (cells.Length <= Math.Max(dateIndex, textIndex))
                throw new InvalidDataException($"{path}:{line}: expected {header.Length} tab-separated columns, found {cells.Length}");
            if (!Period.TryParse(cells[dateIndex], out var period))
                throw new InvalidDataException($"{path}:{line}: column '{options.DateColumn}' value '{cells[dateIndex]}' is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)");
            rows.Add(new DatedTsvRow(period, cells[textIndex], line));
        }
        return rows;
    }

    /// <summary>Writes a header and one row per text, dates as YYYY-MM-DD; the file appears only when complete.</summary>
    public static void Write(string path, IEnumerable<DatedText> rows, DatedTextTsvOptions? options = null)
    {
        options ??= new DatedTextTsvOptions();
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            writer.WriteLine($"{options.DateColumn}\t{options.TextColumn}");
            var index = 0;
            foreach (var row in rows)
            {
                index++;
                if (row.Text.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0)
                    throw new ArgumentException($"{path}: row {index} ({row.Date:yyyy-MM-dd}) has a tab or line break in its text, which TSV cannot hold: {Quote(row.Text)}");
                writer.Write(row.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                writer.Write('\t');
                writer.WriteLine(row.Text);
            }
        });
    }

    private static int ColumnIndex(string path, string[] header, string column)
    {
        var index = Array.IndexOf(header, column);
        return index >= 0
            ? index
            : throw new InvalidDataException($"{path}: no column '{column}' in the header; columns are [{string.Join(", ", header.Select(h => $"'{h}'"))}]");
    }

    private static string Quote(string text) =>
        "\"" + (text.Length > 60 ? text[..60] + "…" : text).Replace("\t", "\\t").Replace("\n", "\\n").Replace("\r", "\\r") + "\"";
}
