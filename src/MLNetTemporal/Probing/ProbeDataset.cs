using System.Globalization;
using MLNetTemporal.Data;

namespace MLNetTemporal.Probing;

/// <summary>One entity of a probe dataset: its text, target (a year, or latitude and longitude), split and group.</summary>
public sealed record ProbeRow(string Entity, double[] Target, bool IsTest, string? Group);

/// <summary>
/// Entities with a time or a place, split into train and test: read from a TSV/CSV file (dates as years or ISO
/// dates, converted to fractional years). Bad input is reported with
/// the file, row and column.
/// </summary>
public sealed class ProbeDataset
{
    public ProbeDataset(ProbeTarget target, IReadOnlyList<ProbeRow> rows, string source)
    {
        Target = target;
        Rows = rows;
        Source = source;
        if (Train.Count < 3) throw new InvalidDataException($"{source}: the training split has {Train.Count} rows; a probe needs at least 3");
        if (Test.Count < 2) throw new InvalidDataException($"{source}: the test split has {Test.Count} rows; evaluation needs at least 2");
    }

    public ProbeTarget Target { get; }
    public IReadOnlyList<ProbeRow> Rows { get; }
    public string Source { get; }
    public IReadOnlyList<ProbeRow> Train => Rows.Where(r => !r.IsTest).ToList();
    public IReadOnlyList<ProbeRow> Test => Rows.Where(r => r.IsTest).ToList();
    public string[] TargetNames => Target == ProbeTarget.Place ? ["Latitude", "Longitude"] : ["Year"];

    /// <summary>Every row of a delimited file (tab, or comma for .csv) with a header.</summary>
    public static ProbeDataset Read(string path, ProbeFileColumns columns, double testFraction = 0.2, int seed = 42)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"probe data file '{path}' not found", path);
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        if (lines.Count < 2) throw new InvalidDataException($"{path}: needs a header and at least one row");
        char delimiter = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ',' : '\t';
        var header = Split(lines[0], delimiter);
        int Column(string? name, string option)
        {
            var i = Array.IndexOf(header, name);
            return i >= 0 ? i : throw new InvalidDataException($"{path}: {option} column '{name}' not found; the header has {string.Join(", ", header)}");
        }
        var target = columns.TargetColumn is not null ? ProbeTarget.Time : ProbeTarget.Place;
        if (columns.TargetColumn is null && (columns.LatitudeColumn is null || columns.LongitudeColumn is null))
            throw new ArgumentException("give a target column (dates) or both latitude and longitude columns");
        int text = Column(columns.TextColumn, "text");
        int[] targetColumns = target == ProbeTarget.Time
            ? [Column(columns.TargetColumn, "target")]
            : [Column(columns.LatitudeColumn, "latitude"), Column(columns.LongitudeColumn, "longitude")];
        int split = columns.SplitColumn is null ? -1 : Column(columns.SplitColumn, "split");
        int group = columns.GroupColumn is null ? -1 : Column(columns.GroupColumn, "group");

        var parsed = new List<(string Entity, double[] Target, bool? IsTest, string? Group)>();
        for (int r = 1; r < lines.Count; r++)
        {
            var cells = Split(lines[r], delimiter);
            string Cell(int i) => i < cells.Length ? cells[i].Trim() : throw new InvalidDataException($"{path}: row {r} has {cells.Length} cells, fewer than the header's {header.Length}");
            double[] values = target == ProbeTarget.Time
                ? [ParseDate(Cell(targetColumns[0]), path, r, header[targetColumns[0]])]
                : [ParseCoordinate(Cell(targetColumns[0]), path, r, header[targetColumns[0]], 90), ParseCoordinate(Cell(targetColumns[1]), path, r, header[targetColumns[1]], 180)];
            parsed.Add((Cell(text), values, split >= 0 ? ParseBool(Cell(split), path, r, header[split]) : null, group >= 0 ? Cell(group) : null));
        }
        bool[] isTest = split >= 0 ? parsed.Select(p => p.IsTest!.Value).ToArray()
            : group >= 0 ? GroupSplit(parsed.Select(p => p.Group!).ToList(), testFraction, seed)
            : RandomSplit(parsed.Count, testFraction, seed);
        return new ProbeDataset(target, parsed.Select((p, i) => new ProbeRow(p.Entity, p.Target, isTest[i], p.Group)).ToList(), path);
    }

    /// <summary>A year ("1954", "-44"), a year and month ("1954-06") or an ISO date ("1954-06-15") as a fractional year.</summary>
    public static double ParseDate(string text, string file = "", int row = 0, string column = "")
    {
        text = text.Trim();
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var year)) return year;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var fractional) && double.IsFinite(fractional)) return fractional;
        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy-MM"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return FractionalYear.Of(date);
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time))
            return FractionalYear.Of(DateOnly.FromDateTime(time));
        throw new InvalidDataException($"{file}: row {row}, column '{column}': '{text}' is not a year or an ISO date");
    }

    private static double ParseCoordinate(string text, string file, int row, string column, double limit)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw new InvalidDataException($"{file}: row {row}, column '{column}': '{text}' is not a number");
        if (Math.Abs(value) > limit)
            throw new InvalidDataException($"{file}: row {row}, column '{column}': {value} is outside [-{limit}, {limit}]");
        return value;
    }

    private static bool ParseBool(string text, string file, int row, string column) => text.ToLowerInvariant() switch
    {
        "1" or "true" or "yes" or "test" => true,
        "0" or "false" or "no" or "train" or "" => false,
        _ => throw new InvalidDataException($"{file}: row {row}, column '{column}': '{text}' is not true/false, 1/0, yes/no or test/train"),
    };

    /// <summary>About <paramref name="fraction"/> of the rows, seeded.</summary>
    public static bool[] RandomSplit(int count, double fraction, int seed)
    {
        if (fraction is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "the test fraction must be in (0, 1)");
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        var result = new bool[count];
        foreach (var i in order.Take((int)Math.Round(fraction * count))) result[i] = true;
        return result;
    }

    /// <summary>Whole groups held out (seeded) until about <paramref name="fraction"/> of the rows are in test.</summary>
    public static bool[] GroupSplit(IReadOnlyList<string> groups, double fraction, int seed)
    {
        var distinct = groups.Distinct().ToArray();
        if (distinct.Length < 2) throw new InvalidDataException($"the group column has {distinct.Length} distinct value; holding out groups needs at least 2");
        new Random(seed).Shuffle(distinct);
        var held = new HashSet<string>();
        foreach (var g in distinct)
        {
            if (held.Count > 0 && groups.Count(x => held.Contains(x)) >= fraction * groups.Count) break;
            if (held.Count == distinct.Length - 1) break;
            held.Add(g);
        }
        return groups.Select(held.Contains).ToArray();
    }

    /// <summary>One delimited line; double quotes enclose cells with delimiters ("" inside is a quote).</summary>
    private static string[] Split(string line, char delimiter)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"' && cell.Length == 0) quoted = true;
            else if (c == delimiter) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return [.. cells];
    }
}

/// <summary>Which columns of a probe data file hold what.</summary>
public sealed record ProbeFileColumns(string TextColumn, string? TargetColumn = null, string? LatitudeColumn = null,
    string? LongitudeColumn = null, string? SplitColumn = null, string? GroupColumn = null);
