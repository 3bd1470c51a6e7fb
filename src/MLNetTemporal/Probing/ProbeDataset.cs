using System.Globalization;
using MLNetTemporal.Data;

namespace MLNetTemporal.Probing;

/// <summary>One entity of a probe dataset: its text, target (a year, or latitude and longitude), split and group.</summary>
public sealed record ProbeRow(string Entity, double[] Target, bool IsTest, string? Group);

/// <summary>
/// Entities with a time or a place, split into train and test: read from a TSV/CSV file (dates as years or ISO
/// dates, converted to fractional years) or taken from the built-in corpus's entities. Bad input is reported with
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

    /// <summary>
    /// The built-in corpus's entities. For time, people and events (birth years 1900–1995, event years 1850–2009);
    /// places are left out because their founding years lie centuries earlier, which a probe could read from the
    /// kind of name alone. For places, every entity with the coordinates of its place. Groups are the entity kinds.
    /// </summary>
    public static ProbeDataset BuiltIn(ProbeTarget target, double testFraction = 0.2, int seed = 42, TemporalCorpusOptions? corpus = null)
    {
        var entities = TemporalEntities.For(corpus)
            .Where(e => target == ProbeTarget.Place || e.Kind != TemporalEntityKind.Place)
            .Select(e => (e.Name, Target: target == ProbeTarget.Place ? new[] { e.Latitude, e.Longitude } : new double[] { e.Year }, Group: e.Kind.ToString()))
            .ToList();
        var test = RandomSplit(entities.Count, testFraction, seed);
        return new ProbeDataset(target, entities.Select((e, i) => new ProbeRow(e.Name, e.Target, test[i], e.Group)).ToList(), "built-in entities");
    }

    /// <summary>
    /// The people and things in the built-in corpus's news, dated by when the news mentions them: every president,
    /// mayor and chief executive at the middle of their time in office within the corpus's years, products at their
    /// launch, trends at their peak. Unlike <see cref="BuiltIn"/>, whose years the corpus states only in a few
    /// sentences, these dates are never written next to the name: a model can know them only from the company a
    /// name keeps in dated text, which is what the paper's probes test. Groups are the kinds.
    /// </summary>
    public static ProbeDataset Newsmakers(double testFraction = 0.2, int seed = 42, TemporalCorpusOptions? corpus = null)
    {
        corpus ??= new TemporalCorpusOptions();
        var facts = new TemporalFacts(corpus.Seed, corpus.StartYear, corpus.EndYear);
        var (from, to) = (new DateOnly(corpus.StartYear, 1, 1), new DateOnly(corpus.EndYear + 1, 1, 1));
        var terms = facts.Presidents.Select(t => (Kind: "President", Term: t))
            .Concat(CorpusVocabulary.Places.SelectMany(p => facts.MayorsOf(p.Name)).Select(t => (Kind: "Mayor", Term: t)))
            .Concat(CorpusVocabulary.Companies.SelectMany(facts.ChiefExecutivesOf).Select(t => (Kind: "ChiefExecutive", Term: t)))
            .Where(x => x.Term.Start < to && x.Term.End > from)
            .GroupBy(x => x.Term.Holder)
            .Select(g =>
            {
                var start = g.Min(x => x.Term.Start) is var s && s > from ? s : from;
                var end = g.Max(x => x.Term.End) is var e && e < to ? e : to;
                return (Name: g.Key, Year: (TemporalFacts.YearFraction(start) + TemporalFacts.YearFraction(end)) / 2, Group: g.First().Kind);
            });
        var rows = terms
            .Concat(CorpusVocabulary.Products.Select(p => (p.Name, Year: TemporalFacts.YearFraction(p.Launch), Group: "Product")))
            .Concat(CorpusVocabulary.Trends.Select(t => (Name: t.Phrase, Year: t.PeakYear, Group: "Trend")))
            .ToList();
        var test = RandomSplit(rows.Count, testFraction, seed);
        return new ProbeDataset(ProbeTarget.Time, rows.Select((r, i) => new ProbeRow(r.Name, [r.Year], test[i], r.Group)).ToList(), "built-in newsmakers");
    }

    /// <summary>
    /// The paper's headlines dataset on the built-in corpus: held-out sentences (never trained on by the default
    /// model) with their dates as fractional years, leaving out sentences that state a year. Probe them with
    /// <see cref="ProbePooling.EntityMean"/> (the entity is the whole sentence). Groups are the years.
    /// </summary>
    public static ProbeDataset Headlines(double testFraction = 0.2, int seed = 42, TemporalCorpusOptions? corpus = null)
    {
        var (_, heldOut) = Pretraining.DefaultModel.Split(new TemporalCorpusGenerator(corpus ?? new TemporalCorpusOptions { SentencesPerMonth = Pretraining.ModelPreset.Tiny.SentencesPerMonth }));
        var rows = heldOut.Where(t => !StatesAYear.IsMatch(t.Text)).ToList();
        var test = RandomSplit(rows.Count, testFraction, seed);
        return new ProbeDataset(ProbeTarget.Time, rows.Select((t, i) => new ProbeRow(t.Text, [TemporalFacts.YearFraction(t.Date)], test[i], t.Date.Year.ToString(CultureInfo.InvariantCulture))).ToList(),
            "built-in headlines");
    }

    private static readonly System.Text.RegularExpressions.Regex StatesAYear = new(@"\b(1[89]|20)\d\d\b", System.Text.RegularExpressions.RegexOptions.Compiled);

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
            return TemporalFacts.YearFraction(date);
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time))
            return TemporalFacts.YearFraction(DateOnly.FromDateTime(time));
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
