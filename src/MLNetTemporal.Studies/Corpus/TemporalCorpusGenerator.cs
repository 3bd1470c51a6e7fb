using System.Globalization;
using MLNetTemporal.Data;

namespace MLNetTemporal.Studies.Corpus;

/// <summary>
/// The built-in dated corpus: news-like English sentences month by month over a fictional country whose text
/// drifts the way real text does — office holders, champions and chief executives change on dates, prices
/// inflate, gadgets and apps appear at launch and spread, trends rise and fall on smooth curves, a pandemic-like
/// "grey fever" arrives in March 2020, and weather words follow the seasons. A small share of sentences states
/// dated entities (for probes) or is in labeled format (for in-context classification). Same options → same text.
/// </summary>
public sealed class TemporalCorpusGenerator
{
    private static readonly NewsTopic[] Topics = Enum.GetValues<NewsTopic>();

    public TemporalCorpusGenerator(TemporalCorpusOptions? options = null)
    {
        Options = options ?? new TemporalCorpusOptions();
        if (Options.EndYear < Options.StartYear) throw new ArgumentException($"EndYear {Options.EndYear} is before StartYear {Options.StartYear}");
        if (Options.SentencesPerMonth < 1) throw new ArgumentException($"SentencesPerMonth must be positive, got {Options.SentencesPerMonth}");
        foreach (var (name, share) in new[] { (nameof(Options.DatelineShare), Options.DatelineShare + Options.DatePrefixShare), (nameof(Options.EntitySentenceShare), Options.EntitySentenceShare + Options.LabeledLineShare) })
            if (!(share >= 0 && share <= 1)) throw new ArgumentException($"{name} and its companion share must be non-negative and sum to at most 1, got {share}");
        Facts = new TemporalFacts(Options.Seed, Options.StartYear, Options.EndYear);
    }

    public TemporalCorpusOptions Options { get; }

    /// <summary>The world the text describes; tests and probes check the text against it.</summary>
    public TemporalFacts Facts { get; }

    /// <summary>Every month from January of StartYear to December of EndYear, in date order.</summary>
    public IEnumerable<DatedText> Generate()
    {
        for (var year = Options.StartYear; year <= Options.EndYear; year++)
        {
            for (var month = 1; month <= 12; month++)
            {
                foreach (var text in GenerateMonth(year, month)) yield return text;
            }
        }
    }

    /// <summary>One month's sentences, in date order; the same whether or not other months are generated.</summary>
    public IReadOnlyList<DatedText> GenerateMonth(int year, int month)
    {
        var random = SeededRandom.For(Options.Seed, year, month);
        var days = DateTime.DaysInMonth(year, month);
        var dates = Enumerable.Range(0, Options.SentencesPerMonth).Select(_ => new DateOnly(year, month, 1 + random.Next(days))).Order().ToArray();
        return dates.Select(date => new DatedText(date, Sentence(random, date))).ToArray();
    }

    private string Sentence(Random random, DateOnly date)
    {
        var writer = new NewsSentenceWriter(Facts, random, date);
        var roll = random.NextDouble();
        if (roll < Options.EntitySentenceShare) return EntitySentence(random, date);
        var sentence = random.NextDouble() < writer.GreyFeverWeight ? writer.GreyFever() : writer.Write(DrawTopic(random, date));
        if (roll < Options.EntitySentenceShare + Options.LabeledLineShare) return Labeled(random, writer, date, sentence);
        // Some reports carry their date, as news does: before the text it ties the text to a year; after it, the year
        // has to be inferred from the text.
        var when = date.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        var dated = random.NextDouble();
        return dated < Options.DatelineShare ? $"{sentence.Text} ({when})"
            : dated < Options.DatelineShare + Options.DatePrefixShare ? $"In {when}, {LowerFirst(sentence.Text)}"
            : sentence.Text;
    }

    /// <summary>Technology news grows over the decade; the other topics share the rest evenly.</summary>
    internal static NewsTopic DrawTopic(Random random, DateOnly date)
    {
        var t = FractionalYear.Of(date) - 2010;
        var weights = Topics.Select(topic => topic == NewsTopic.Technology ? 0.8 + 0.06 * t : 1.0).ToArray();
        return Topics[Popularity.Draw(random, weights)];
    }

    private string EntitySentence(Random random, DateOnly date)
    {
        if (random.Next(4) == 0)
        {
            var place = random.Pick(CorpusVocabulary.Places);
            var mayor = Facts.MayoraltyOf(place.Name, date);
            return random.Next(2) == 0
                ? $"Mayor {mayor.Holder} of {place.Name} took office in {mayor.Start.Year}."
                : $"{place.Name} lies at {place.Latitude.ToString("0.0", CultureInfo.InvariantCulture)} degrees north and {Math.Abs(place.Longitude).ToString("0.0", CultureInfo.InvariantCulture)} degrees {(place.Longitude >= 0 ? "east" : "west")}.";
        }
        var entity = random.Pick(Facts.Entities);
        return entity.Kind switch
        {
            TemporalEntityKind.Person => random.Next(2) == 0
                ? $"{entity.Name} was born in {entity.Year} in {entity.Place}."
                : $"Born in {entity.Place} in {entity.Year}, {entity.Name} is remembered there with a statue.",
            TemporalEntityKind.Event => $"The {entity.Name} took place in {entity.Year}.",
            _ => $"{entity.Name} was founded in {entity.Year}.",
        };
    }

    /// <summary>
    /// One to eight examples of one labeled format on a line, joined the way in-context prompts join demonstrations,
    /// so that the model sees label words follow their texts and earlier examples (TSV lines hold no line breaks).
    /// </summary>
    private static string Labeled(Random random, NewsSentenceWriter writer, DateOnly date, GeneratedSentence first)
    {
        var task = first.Positive is not null && random.Next(2) == 0 ? LabeledNewsTask.Sentiment : LabeledNewsTask.Topic;
        var examples = new List<string> { LabeledNews.Format(task, first) };
        for (int count = 1 + random.Next(8), tries = 0; examples.Count < count && tries < 20; tries++)
        {
            var next = writer.Write(DrawTopic(random, date));
            if (task == LabeledNewsTask.Topic || next.Positive is not null) examples.Add(LabeledNews.Format(task, next));
        }
        return string.Join(LabeledNews.Separator, examples);
    }

    /// <summary>Words that keep their capital after a date prefix: names, places, companies, products, titles.</summary>
    private static readonly HashSet<string> ProperWords = CorpusVocabulary.Places.Select(p => p.Name)
        .Concat(CorpusVocabulary.FirstNames).Concat(CorpusVocabulary.Companies)
        .Concat(CorpusVocabulary.Products.SelectMany(p => new[] { p.Name, p.Maker }))
        .Concat(["President", "Mayor", CorpusVocabulary.Country])
        .SelectMany(name => name.Split(' '))
        .ToHashSet(StringComparer.Ordinal);

    private static string LowerFirst(string text)
    {
        var firstWord = text.Split(' ', 2)[0].TrimEnd(',');
        return ProperWords.Contains(firstWord) ? text : char.ToLowerInvariant(text[0]) + text[1..];
    }
}
