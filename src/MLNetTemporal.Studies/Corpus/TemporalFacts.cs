using MLNetTemporal.Data;

namespace MLNetTemporal.Studies.Corpus;

/// <summary>
/// The seeded fictional world behind the corpus: facts that change on dates (the president of Estoria, each
/// town's mayor, company chiefs, the league champion of each season, prices that inflate) and the dated entities
/// that the corpus mentions for probes. The corpus states these facts, so tests and probes can check against them.
/// </summary>
public sealed class TemporalFacts
{
    private readonly Dictionary<string, IReadOnlyList<TermOfOffice>> mayors;
    private readonly Dictionary<string, IReadOnlyList<TermOfOffice>> chiefExecutives;
    private readonly Dictionary<int, string> champions;
    private readonly int seed;

    public TemporalFacts(int seed, int startYear, int endYear)
    {
        this.seed = seed;
        var people = new Queue<string>(ShuffledFullNames(seed));
        var random = SeededRandom.For(seed, 1);
        // Elections every four years from 2008; one incumbent in three is re-elected, never for a third term.
        Presidents = Terms(random, people, new DateOnly(2008, 11, 1), endYear + 1, 4, 11);
        mayors = CorpusVocabulary.Places.ToDictionary(p => p.Name,
            p => (IReadOnlyList<TermOfOffice>)Terms(random, people, new DateOnly(2006 + random.Next(4), 5, 1), endYear + 1, 4, 5));
        chiefExecutives = CorpusVocabulary.Companies.ToDictionary(c => c,
            c => (IReadOnlyList<TermOfOffice>)ChiefTerms(random, people, new DateOnly(2004 + random.Next(6), 1 + random.Next(12), 1), endYear + 1));
        champions = Enumerable.Range(startYear - 1, endYear - startYear + 2)
            .ToDictionary(year => year, year => Teams[SeededRandom.For(seed, 2, year).Next(Teams.Count)]);
        Entities = BuildEntities(random, people);
    }

    /// <summary>League teams: the first towns with a mascot each ("Varnholt Falcons").</summary>
    public static IReadOnlyList<string> Teams { get; } =
        CorpusVocabulary.TeamMascots.Select((m, i) => $"{CorpusVocabulary.Places[i].Name} {m}").ToArray();

    public IReadOnlyList<TermOfOffice> Presidents { get; }

    public IReadOnlyList<TemporalEntity> Entities { get; }

    public IReadOnlyList<TermOfOffice> MayorsOf(string place) => mayors[place];

    public IReadOnlyList<TermOfOffice> ChiefExecutivesOf(string company) => chiefExecutives[company];

    public TermOfOffice PresidencyOn(DateOnly date) => Presidents.First(t => t.Covers(date));

    public TermOfOffice MayoraltyOf(string place, DateOnly date) => mayors[place].First(t => t.Covers(date));

    public TermOfOffice ChiefExecutiveOf(string company, DateOnly date) => chiefExecutives[company].First(t => t.Covers(date));

    /// <summary>The team that won the <see cref="CorpusVocabulary.League"/> title in the season ending in <paramref name="season"/>.</summary>
    public string ChampionOf(int season) => champions[season];

    /// <summary>Price in crowns: about 2.5% inflation a year, faster from 2021, with a fuel spike around 2012.</summary>
    public double PriceOf(string item, DateOnly date)
    {
        var (_, basePrice) = CorpusVocabulary.PricedGoods.First(g => g.Item == item);
        var t = FractionalYear.Of(date) - 2010;
        var rate = 0.022 + 0.006 * (SeededRandom.For(seed, 3, item.Length).NextDouble());
        var inflation = Math.Pow(1 + rate, t) * (1 + 0.05 * Math.Max(0, t - 11));
        var fuelSpike = item.Contains("fuel", StringComparison.Ordinal) ? 1 + 0.25 * Math.Exp(-Math.Pow((t - 2.3) / 0.8, 2)) : 1;
        return Math.Round(basePrice * inflation * fuelSpike, basePrice >= 100 ? 0 : 2);
    }

    private static List<TermOfOffice> Terms(Random random, Queue<string> people, DateOnly firstElection, int untilYear, int years, int month)
    {
        var terms = new List<TermOfOffice> { new(people.Dequeue(), firstElection.AddYears(-years), firstElection) };
        var servedTwice = false;
        for (var start = firstElection; start.Year <= untilYear; start = new DateOnly(start.Year + years, month, 1))
        {
            var reelected = !servedTwice && random.NextDouble() < 1.0 / 3;
            terms.Add(new(reelected ? terms[^1].Holder : people.Dequeue(), start, start.AddYears(years)));
            servedTwice = reelected;
        }
        return terms;
    }

    private static List<TermOfOffice> ChiefTerms(Random random, Queue<string> people, DateOnly start, int untilYear)
    {
        var terms = new List<TermOfOffice>();
        while (start.Year <= untilYear)
        {
            var end = start.AddMonths(36 + random.Next(48));
            terms.Add(new(people.Dequeue(), start, end));
            start = end;
        }
        return terms;
    }

    private static List<TemporalEntity> BuildEntities(Random random, Queue<string> people)
    {
        var entities = new List<TemporalEntity>();
        foreach (var place in CorpusVocabulary.Places)
            entities.Add(new(place.Name, TemporalEntityKind.Place, 1150 + random.Next(700), place.Name, place.Latitude, place.Longitude));
        string[] events = ["Flood", "Treaty", "Great Fire", "Bridge opening", "Jazz Festival", "Rail Strike"];
        foreach (var (place, i) in CorpusVocabulary.Places.Select((p, i) => (p, i)))
        {
            for (var k = 0; k < 2; k++)
            {
                var name = $"{place.Name} {events[(i + 3 * k) % events.Length]}";
                entities.Add(new(name, TemporalEntityKind.Event, 1850 + random.Next(160), place.Name, place.Latitude, place.Longitude));
            }
        }
        for (var k = 0; k < 36; k++)
        {
            var place = random.Pick(CorpusVocabulary.Places);
            entities.Add(new(people.Dequeue(), TemporalEntityKind.Person, 1900 + random.Next(96), place.Name, place.Latitude, place.Longitude));
        }
        return entities;
    }

    private static List<string> ShuffledFullNames(int seed)
    {
        var names = CorpusVocabulary.FirstNames.SelectMany(f => CorpusVocabulary.LastNames.Select(l => $"{f} {l}")).ToArray();
        SeededRandom.For(seed, 0).Shuffle(names);
        return [.. names];
    }
}
