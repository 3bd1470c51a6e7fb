using System.Text;
using System.Text.Json;
using MLNetTemporal.Runtime;

namespace MLNetTemporal.TaskSpaces;

/// <summary>How minimal-pair files are read.</summary>
public sealed class MinimalPairReadOptions
{
    /// <summary>
    /// Skip malformed lines and pairs with identical sentences instead of failing; what was skipped is listed in
    /// <see cref="MinimalPairLoad.Skipped"/> with line numbers. Off by default: a broken file is an error.
    /// </summary>
    public bool Lenient { get; set; }
}

/// <summary>The pairs read from a file and, in lenient mode, the lines that were skipped and why.</summary>
public sealed record MinimalPairLoad(MinimalPairSet Pairs, IReadOnlyList<string> Skipped);

/// <summary>
/// Reads and writes minimal pairs as BLiMP JSONL (one object a line with <c>sentence_good</c>, <c>sentence_bad</c>,
/// <c>UID</c>, <c>linguistics_term</c> and optional <c>field</c>; other members are ignored) or as a TSV with a
/// header of the same column names. Errors name the file, the line and the column.
/// </summary>
public static class MinimalPairFile
{
    public const string GoodColumn = "sentence_good";
    public const string BadColumn = "sentence_bad";
    public const string TaskColumn = "UID";
    public const string TermColumn = "linguistics_term";
    public const string FieldColumn = "field";

    /// <summary>Reads a <c>.tsv</c> file as TSV and anything else (<c>.jsonl</c>, <c>.json</c>) as BLiMP JSONL.</summary>
    public static MinimalPairLoad Read(string path, MinimalPairReadOptions? options = null)
    {
        options ??= new MinimalPairReadOptions();
        if (!File.Exists(path)) throw new FileNotFoundException($"minimal-pair file not found: {path}", path);
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        var skipped = new List<string>();
        var pairs = new List<MinimalPair>();
        bool tsv = path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase);
        var parse = tsv ? TsvParser(path, lines) : JsonLine;
        for (int i = tsv ? 1 : 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            try
            {
                pairs.Add(Check(parse(lines[i])));
            }
            catch (FormatException e)
            {
                var message = $"{path}: line {i + 1}: {e.Message}";
                if (!options.Lenient) throw new InvalidDataException(message + " (read with Lenient = true to skip bad lines)", e);
                skipped.Add(message);
            }
        }
        if (pairs.Count == 0) throw new InvalidDataException($"{path}: no minimal pair in the file" + (skipped.Count > 0 ? $" ({skipped.Count} lines skipped)" : ""));
        return new MinimalPairLoad(new MinimalPairSet(pairs), skipped);
    }

    /// <summary>Writes BLiMP JSONL (atomically).</summary>
    public static void WriteJsonl(string path, IEnumerable<MinimalPair> pairs)
    {
        var text = new StringBuilder();
        foreach (var p in pairs)
        {
            var row = new Dictionary<string, string> { [GoodColumn] = p.Good, [BadColumn] = p.Bad, [TaskColumn] = p.Task, [TermColumn] = p.Term };
            if (p.Field is not null) row[FieldColumn] = p.Field;
            text.AppendLine(JsonSerializer.Serialize(row));
        }
        AtomicFile.WriteAllText(path, text.ToString());
    }

    private static MinimalPair JsonLine(string line)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(line);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new FormatException($"not valid JSON ({e.Message})");
        }
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException($"expected a JSON object, found {root.ValueKind}");
        string? Get(string name, bool required)
        {
            if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
                return required ? throw new FormatException($"missing '{name}'") : null;
            return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new FormatException($"'{name}' must be a string, found {value.ValueKind}");
        }
        return new MinimalPair(Get(GoodColumn, true)!, Get(BadColumn, true)!, Get(TaskColumn, true)!, Get(TermColumn, true)!, Get(FieldColumn, false));
    }

    private static Func<string, MinimalPair> TsvParser(string path, string[] lines)
    {
        if (lines.Length == 0) throw new InvalidDataException($"{path}: empty file; expected a header with {GoodColumn}, {BadColumn}, {TaskColumn}, {TermColumn}");
        var header = lines[0].Split('\t');
        int Column(string name, bool required)
        {
            int index = Array.IndexOf(header, name);
            if (index < 0 && required) throw new InvalidDataException($"{path}: the header has no '{name}' column (found: {string.Join(", ", header)})");
            return index;
        }
        int good = Column(GoodColumn, true), bad = Column(BadColumn, true), task = Column(TaskColumn, true), term = Column(TermColumn, true), field = Column(FieldColumn, false);
        return line =>
        {
            var cells = line.Split('\t');
            if (cells.Length != header.Length) throw new FormatException($"{cells.Length} tab-separated cells, the header has {header.Length}");
            return new MinimalPair(cells[good], cells[bad], cells[task], cells[term], field >= 0 && cells[field].Length > 0 ? cells[field] : null);
        };
    }

    private static MinimalPair Check(MinimalPair pair)
    {
        if (string.IsNullOrWhiteSpace(pair.Good)) throw new FormatException($"'{GoodColumn}' is empty");
        if (string.IsNullOrWhiteSpace(pair.Bad)) throw new FormatException($"'{BadColumn}' is empty");
        if (string.IsNullOrWhiteSpace(pair.Task)) throw new FormatException($"'{TaskColumn}' is empty");
        if (string.IsNullOrWhiteSpace(pair.Term)) throw new FormatException($"'{TermColumn}' is empty");
        if (string.Equals(pair.Good.Trim(), pair.Bad.Trim(), StringComparison.Ordinal))
            throw new FormatException($"'{GoodColumn}' and '{BadColumn}' are the same sentence (\"{pair.Good}\"), so the pair tests nothing");
        return pair;
    }
}
