
namespace MLNetTemporal.Studies.Corpus;

/// <summary>A fictional town the corpus reports from, with coordinates so that probes can read places back.</summary>
public sealed record CorpusPlace(string Name, double Latitude, double Longitude);

/// <summary>A fictional gadget or app: unknown before <see cref="Launch"/>, then spreading and later fading.</summary>
public sealed record CorpusProduct(string Name, string Kind, string Maker, DateOnly Launch);

/// <summary>A term whose popularity rises and falls as a bell curve around <see cref="PeakYear"/>.</summary>
public sealed record TrendingTerm(string Phrase, NewsTopic Topic, double PeakYear, double WidthYears);

/// <summary>
/// The fixed lexicon of the built-in corpus: places, people's names, teams, companies, products, trends and
/// seasonal words. It is public so that classification sets, minimal pairs and probes can be built over the
/// same words the language model was trained on; which person holds which office when is decided by the seed
/// (<see cref="TemporalFacts"/>).
/// </summary>
public static class CorpusVocabulary
{
    public const string Country = "Estoria";
    public const string League = "Northern League";

    public static IReadOnlyList<CorpusPlace> Places { get; } =
    [
        new("Varnholt", 47.21, 8.53), new("Dunmere", 52.64, -1.12), new("Kessport", 44.08, 12.31),
        new("Orlava", 49.87, 18.02), new("Brightwater", 51.33, 2.91), new("Talbury", 53.48, -2.24),
        new("Mirelund", 59.41, 16.51), new("Castellon Vale", 41.12, -0.43), new("Asherford", 50.72, -3.53),
        new("Pellingham", 54.97, -1.61), new("Rovena", 45.44, 10.99), new("Elmstead", 51.88, 0.95),
    ];

    public static IReadOnlyList<string> FirstNames { get; } =
    [
        "Lena", "Marcus", "Ines", "Tobias", "Clara", "Jonas", "Amara", "Felix", "Nadia", "Oskar", "Priya", "Henrik",
        "Sofia", "Mateo", "Greta", "Elias", "Yara", "Anton", "Mira", "Rafael", "Helena", "Viktor", "Leila", "Bruno",
        "Ada", "Simon", "Noor", "Emil", "Talia", "Hugo", "Irene", "Kasper",
    ];

    public static IReadOnlyList<string> LastNames { get; } =
    [
        "Ortiz", "Halvorsen", "Brandt", "Okafor", "Lindqvist", "Moreau", "Castell", "Novak", "Reyes", "Whitcombe",
        "Adeyemi", "Falk", "Marchetti", "Quill", "Sorensen", "Duarte", "Kowalski", "Ashby", "Nakamura", "Petrov",
        "Varga", "Holm", "Bianchi", "Easton", "Mendel", "Rask", "Tavares", "Crane", "Lund", "Abara",
    ];

    public static IReadOnlyList<string> TeamMascots { get; } = ["Falcons", "Rovers", "Mariners", "Wolves", "Comets", "Stags", "Harriers", "Titans"];

    public static IReadOnlyList<string> Companies { get; } = ["Norrland Motors", "Pellar Systems", "Quintex", "Bluefield Bank", "Arvo Foods", "Kestrel Air", "Lumen Grid", "Oakridge Retail"];

    public static IReadOnlyList<CorpusProduct> Products { get; } =
    [
        new("Pellar One", "phone", "Pellar Systems", new(2010, 6, 1)),
        new("Zephyr Tab", "tablet", "Quintex", new(2011, 4, 1)),
        new("Chirpr", "app", "Chirpr Labs", new(2011, 10, 1)),
        new("Pellar Two", "phone", "Pellar Systems", new(2012, 9, 1)),
        new("Glimmr", "app", "Glimmr Inc", new(2013, 3, 1)),
        new("Strider Band", "smartwatch", "Quintex", new(2014, 5, 1)),
        new("Pellar Three", "phone", "Pellar Systems", new(2015, 9, 1)),
        new("Hoverlite", "hoverboard", "Kestrel Air", new(2015, 11, 1)),
        new("Vocalis", "smart speaker", "Lumen Grid", new(2016, 10, 1)),
        new("Snapcove", "app", "Snapcove Ltd", new(2017, 2, 1)),
        new("Pellar Four", "phone", "Pellar Systems", new(2018, 9, 1)),
        new("Driftcar", "electric scooter", "Norrland Motors", new(2018, 6, 1)),
        new("Meetly", "video call app", "Meetly Co", new(2019, 11, 1)),
        new("Pellar Five", "phone", "Pellar Systems", new(2020, 10, 1)),
        new("Tokkle", "app", "Tokkle Studio", new(2020, 1, 1)),
        new("Quintex Visor", "headset", "Quintex", new(2021, 3, 1)),
    ];

    /// <summary>The pandemic-like illness: unknown before this date, then dominant and slowly receding.</summary>
    public static DateOnly GreyFeverOutbreak { get; } = new(2020, 3, 1);

    public static IReadOnlyList<TrendingTerm> Trends { get; } =
    [
        new("netbook sales", NewsTopic.Technology, 2010.0, 1.2),
        new("social gaming", NewsTopic.Technology, 2012.0, 1.5),
        new("selfie sticks", NewsTopic.Technology, 2014.5, 1.2),
        new("cloud storage", NewsTopic.Technology, 2014.0, 3.0),
        new("crypto tokens", NewsTopic.Business, 2017.9, 0.9),
        new("streaming subscriptions", NewsTopic.Business, 2019.0, 2.5),
        new("austerity cuts", NewsTopic.Politics, 2011.0, 1.5),
        new("border referendum", NewsTopic.Politics, 2016.4, 0.8),
        new("climate strikes", NewsTopic.Politics, 2019.5, 1.0),
        new("fantasy leagues", NewsTopic.Sports, 2015.0, 2.0),
        new("esports arenas", NewsTopic.Sports, 2018.5, 1.8),
        new("housing bubble fears", NewsTopic.Business, 2021.0, 1.5),
        new("machine learning", NewsTopic.Technology, 2020.0, 2.5),
        new("drone deliveries", NewsTopic.Technology, 2016.5, 1.5),
    ];

    /// <summary>Weather and life words by month (index 0 = January).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> SeasonalWords { get; } =
    [
        ["snow", "frost", "icy roads", "sledding", "New Year resolutions", "blizzard"],
        ["snow", "frost", "blizzard", "Valentine cards", "icy roads", "ski slopes"],
        ["thaw", "spring rain", "daffodils", "muddy fields", "windy days", "planting"],
        ["spring rain", "blossoms", "Easter markets", "planting", "showers", "lambing"],
        ["blossoms", "mild sunshine", "garden fairs", "planting", "pollen", "warm evenings"],
        ["summer heat", "sunscreen", "beaches", "long evenings", "strawberries", "swimming"],
        ["heat wave", "sunscreen", "beaches", "summer holidays", "ice cream", "swimming"],
        ["heat wave", "thunderstorms", "summer holidays", "beaches", "wildfires", "ice cream"],
        ["harvest", "school term", "apple picking", "cool mornings", "autumn leaves", "fog"],
        ["autumn leaves", "harvest", "pumpkins", "fog", "gales", "Halloween costumes"],
        ["fog", "gales", "early darkness", "first frost", "autumn leaves", "holiday shopping"],
        ["snow", "holiday lights", "holiday shopping", "frost", "Christmas markets", "icy roads"],
    ];

    /// <summary>Goods whose prices the corpus reports, with their 2010 price in crowns.</summary>
    public static IReadOnlyList<(string Item, double Price2010)> PricedGoods { get; } =
    [
        ("a loaf of bread", 1.80), ("a litre of fuel", 1.35), ("a cinema ticket", 8.50), ("a cup of coffee", 2.40),
        ("the monthly rent of a small flat", 610.0), ("a bus ticket", 1.60),
    ];

    public static IReadOnlyList<string> PositiveWords { get; } = ["delighted", "praised", "celebrated", "welcomed", "cheered", "applauded"];

    public static IReadOnlyList<string> NegativeWords { get; } = ["criticised", "condemned", "mourned", "protested", "complained about", "regretted"];
}
