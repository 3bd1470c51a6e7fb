using System.Text;
using MLNetTemporal.Runtime;

namespace MLNetTemporal.Studies.Corpus;

/// <summary>What a labeled news set classifies.</summary>
public enum LabeledNewsTask
{
    /// <summary>Five classes: sports, politics, business, technology, weather.</summary>
    Topic,
    /// <summary>Two classes: positive, negative (sentences whose wording says whether the news is good or bad).</summary>
    Sentiment,
}

/// <summary>A text and its class name.</summary>
public sealed record LabeledText(string Text, string Label);

/// <summary>
/// Labeled sentences of the built-in corpus for in-context classification: the same writer, world and label words as
/// the labeled lines the default models are pretrained on (<c>Headline: … Topic: sports</c>,
/// <c>Review: … Sentiment: positive</c>), drawn from their own seeded stream. Same arguments → same rows.
/// </summary>
public static class LabeledNews
{
    public const string TopicTemplate = "Headline: {text} Topic:{label}";
    public const string SentimentTemplate = "Review: {text} Sentiment:{label}";

    /// <summary>What joins examples on a labeled corpus line (the corpus has no line breaks).</summary>
    public const string Separator = " ";

    public static string Template(LabeledNewsTask task) => task == LabeledNewsTask.Topic ? TopicTemplate : SentimentTemplate;

    /// <summary>Class names in a fixed order.</summary>
    public static IReadOnlyList<string> Classes(LabeledNewsTask task) => task == LabeledNewsTask.Topic
        ? Enum.GetValues<NewsTopic>().Select(t => t.Label()).ToArray()
        : ["negative", "positive"];

    /// <summary>
    /// <paramref name="perClass"/> distinct sentences of each class, classes interleaved, over the corpus' years
    /// (or dated in <paramref name="year"/> only, for labeled sets of one period).
    /// </summary>
    public static IReadOnlyList<LabeledText> Generate(LabeledNewsTask task, int perClass, int seed = 7, TemporalCorpusOptions? corpus = null, int? year = null)
    {
        if (perClass < 1) throw new ArgumentOutOfRangeException(nameof(perClass), perClass, "perClass must be at least 1");
        corpus ??= new TemporalCorpusOptions();
        if (year < corpus.StartYear || year > corpus.EndYear)
            throw new ArgumentOutOfRangeException(nameof(year), year, $"year must lie in the corpus' years {corpus.StartYear}..{corpus.EndYear}");
        var facts = new TemporalFacts(corpus.Seed, corpus.StartYear, corpus.EndYear);
        var classes = Classes(task);
        var byClass = classes.ToDictionary(c => c, _ => new List<string>());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var days = year is null ? (corpus.EndYear - corpus.StartYear + 1) * 365 : 365;
        // A stream key far from the corpus' (year, month) keys, so these rows are drawn apart from the training text.
        var random = SeededRandom.For(seed, 104_729);
        for (int draws = 0; byClass.Values.Any(l => l.Count < perClass); draws++)
        {
            if (draws > 200 * perClass * classes.Count)
                throw new InvalidOperationException($"could not draw {perClass} distinct sentences per class; the corpus writer repeats itself");
            var date = new DateOnly(year ?? corpus.StartYear, 1, 1).AddDays(random.Next(days));
            var writer = new NewsSentenceWriter(facts, random, date);
            var sentence = writer.Write(task == LabeledNewsTask.Topic
                ? Enum.GetValues<NewsTopic>()[draws % classes.Count]
                : TemporalCorpusGenerator.DrawTopic(random, date));
            var label = LabelOf(task, sentence);
            if (label is null || byClass[label].Count >= perClass || !seen.Add(sentence.Text)) continue;
            byClass[label].Add(sentence.Text);
        }
        return Enumerable.Range(0, perClass).SelectMany(i => classes.Select(c => new LabeledText(byClass[c][i], c))).ToArray();
    }

    /// <summary>Writes <c>Text</c> and <c>Label</c> columns as TSV; the file appears only when complete.</summary>
    public static void WriteTsv(string path, IEnumerable<LabeledText> rows) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            writer.WriteLine("Text\tLabel");
            foreach (var row in rows) writer.WriteLine($"{row.Text}\t{row.Label}");
        });

    /// <summary>Reads a labeled TSV with a header; errors name the file, line and column.</summary>
    public static IReadOnlyList<LabeledText> ReadTsv(string path, string textColumn = "Text", string labelColumn = "Label")
    {
        using var lines = File.ReadLines(path).GetEnumerator();
        if (!lines.MoveNext()) throw new InvalidDataException($"{path}: file is empty; expected a header with columns '{textColumn}' and '{labelColumn}'");
        var header = lines.Current.TrimStart('\uFEFF').Split('\t');
        int Index(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i
            : throw new InvalidDataException($"{path}: no column '{name}' in the header; columns are [{string.Join(", ", header.Select(h => $"'{h}'"))}]");
        int text = Index(textColumn), label = Index(labelColumn);
        var rows = new List<LabeledText>();
        for (int line = 2; lines.MoveNext(); line++)
        {
            if (lines.Current.Length == 0) continue;
            var cells = lines.Current.Split('\t');
            if (cells.Length <= Math.Max(text, label))
                throw new InvalidDataException($"{path}:{line}: expected {header.Length} tab-separated columns, found {cells.Length}");
            if (cells[label].Length == 0) throw new InvalidDataException($"{path}:{line}: column '{labelColumn}' is empty");
            rows.Add(new LabeledText(cells[text], cells[label]));
        }
        return rows;
    }

    internal static string Format(LabeledNewsTask task, GeneratedSentence sentence) =>
        Template(task).Replace("{text}", sentence.Text).Replace("{label}", " " + LabelOf(task, sentence));

    private static string? LabelOf(LabeledNewsTask task, GeneratedSentence sentence) => task == LabeledNewsTask.Topic
        ? sentence.Topic.Label()
        : sentence.Positive is { } positive ? (positive ? "positive" : "negative") : null;
}
