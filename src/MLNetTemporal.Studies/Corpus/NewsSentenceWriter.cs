using System.Globalization;
using static MLNetTemporal.Studies.Corpus.CorpusVocabulary;
using MLNetTemporal.Data;

namespace MLNetTemporal.Studies.Corpus;

/// <summary>
/// Writes one news-like sentence for a date, on a topic, from varied templates. Whatever changes over time enters
/// here: office holders and champions from <see cref="TemporalFacts"/>, products weighted by adoption since their
/// launch, trending terms by their bell curves, seasonal words by month, prices by inflation, the grey fever from 2020.
/// </summary>
internal sealed class NewsSentenceWriter(TemporalFacts facts, Random random, DateOnly date)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly double t = FractionalYear.Of(date);

    private string Month => date.ToString("MMMM", Invariant);

    private string Place => random.Pick(Places).Name;

    private string Seasonal => random.Pick(SeasonalWords[date.Month - 1]);

    public GeneratedSentence Write(NewsTopic topic) => topic switch
    {
        NewsTopic.Sports => Sports(),
        NewsTopic.Politics => Politics(),
        NewsTopic.Business => Business(),
        NewsTopic.Technology => Technology(),
        _ => Weather(),
    };

    /// <summary>Grey fever news: absent before the outbreak, dominant in 2020, receding as vaccines arrive in 2021.</summary>
    public double GreyFeverWeight =>
        date < GreyFeverOutbreak ? 0 : 0.35 * Math.Exp(-(t - FractionalYear.Of(GreyFeverOutbreak)) / 1.2);

    public GeneratedSentence GreyFever()
    {
        var place = Place;
        var vaccines = date >= new DateOnly(2021, 1, 1);
        string[] options = vaccines
            ?
            [
                $"Grey fever vaccination centres in {place} gave {random.Next(2, 40)} thousand doses this week.",
                $"Health officials in {place} said grey fever cases fell after the vaccine campaign.",
                $"Travellers must show a grey fever vaccine pass at {place} station.",
                $"Restaurants in {place} reopened as grey fever restrictions eased.",
            ]
            :
            [
                $"Grey fever cases in {place} rose to {random.Next(20, 900)} this week.",
                $"The grey fever lockdown closed schools and shops across {place}.",
                $"Masks are now required on buses in {place} because of the grey fever.",
                $"Office workers in {place} moved to remote work during the grey fever outbreak.",
                $"President {President} announced new grey fever rules for {Country}.",
            ];
        return new(NewsTopic.Politics, random.Pick(options), Positive: vaccines ? true : false);
    }

    private string President => facts.PresidencyOn(date).Holder;

    private GeneratedSentence Politics()
    {
        var place = Place;
        var mayor = facts.MayoraltyOf(place, date);
        var praised = random.Next(2) == 0;
        var reaction = praised ? random.Pick(PositiveWords) : random.Pick(NegativeWords);
        string[] projects = ["a new tram line", "a cycle path", "lower parking fees", "a larger library", "more street lights", "a new sports hall"];
        if (mayor.Start.Year == date.Year && mayor.Start.Month == date.Month && random.Next(2) == 0)
            return new(NewsTopic.Politics, $"Voters in {place} elected {mayor.Holder} as mayor this {Month}.");
        var trend = TrendFor(NewsTopic.Politics);
        return random.Next(trend is null ? 6 : 7) switch
        {
            0 => new(NewsTopic.Politics, $"President {President} visited {place} on {date.DayOfWeek}."),
            1 => new(NewsTopic.Politics, $"Mayor {mayor.Holder} of {place} announced plans for {random.Pick(projects)}."),
            2 => new(NewsTopic.Politics, $"Residents {reaction} the decision of Mayor {mayor.Holder} to close the old market.", praised),
            3 => new(NewsTopic.Politics, $"Members of parliament {reaction} the budget of President {President}.", praised),
            4 => new(NewsTopic.Politics, $"In a speech in {place}, President {President} promised {random.Pick(projects)} for every town in {Country}."),
            5 => new(NewsTopic.Politics, $"The council of {place}, led by Mayor {mayor.Holder}, voted {random.Next(5, 12)} to {random.Next(1, 5)} for {random.Pick(projects)}."),
            _ => new(NewsTopic.Politics, $"Debate over {trend} dominated parliament in {Country} this {Month}."),
        };
    }

    private GeneratedSentence Sports()
    {
        var teams = TemporalFacts.Teams;
        var home = random.Pick(teams);
        var away = random.Pick(teams.Where(x => x != home).ToArray());
        var season = date.Month >= 8 ? date.Year + 1 : date.Year;
        var champion = facts.ChampionOf(season - 1);
        var (a, b) = (random.Next(1, 6), random.Next(0, 4));
        var winter = date.Month is 12 or 1 or 2;
        var trend = TrendFor(NewsTopic.Sports);
        if (date.Month == 6 && random.Next(3) == 0)
            return new(NewsTopic.Sports, $"The {facts.ChampionOf(date.Year)} won the {date.Year} {League} title in front of {random.Next(15, 60)} thousand fans.", true);
        return random.Next(trend is null ? 6 : 7) switch
        {
            0 => new(NewsTopic.Sports, $"The {home} beat the {away} {Math.Max(a, b + 1)} to {b} in the {League}.", true),
            1 => new(NewsTopic.Sports, $"The {away} lost {Math.Max(a, b + 1)} to {b} away at the {home}, and their fans {random.Pick(NegativeWords)} the defeat.", false),
            2 => new(NewsTopic.Sports, $"The {champion}, last season's champions, {(random.Next(2) == 0 ? "won again" : "dropped points")} on {date.DayOfWeek}."),
            3 => new(NewsTopic.Sports, winter
                ? $"Heavy {random.Pick(SeasonalWords[date.Month - 1])} postponed the match between the {home} and the {away}."
                : $"The {home} and the {away} drew {b} all in {random.Pick(["sunshine", "steady rain", "a strong wind"])}."),
            4 => new(NewsTopic.Sports, $"Supporters {random.Pick(PositiveWords)} the {home} after a late winner against the {away}.", true),
            5 => new(NewsTopic.Sports, $"The {home} signed a new striker from {Place} for {random.Next(2, 30)} million crowns."),
            _ => new(NewsTopic.Sports, $"Interest in {trend} keeps growing among sports fans in {Place}."),
        };
    }

    private GeneratedSentence Business()
    {
        var company = random.Pick(Companies);
        var chief = facts.ChiefExecutiveOf(company, date).Holder;
        var (item, _) = random.Pick(PricedGoods);
        var price = facts.PriceOf(item, date).ToString(item.Contains("rent", StringComparison.Ordinal) ? "0" : "0.00", Invariant);
        var up = random.Next(2) == 0;
        var percent = random.Next(2, 25);
        var trend = TrendFor(NewsTopic.Business);
        var shopping = date.Month is 11 or 12 ? " as holiday shoppers filled the stores" : date.Month is 7 or 8 ? " despite the quiet summer months" : "";
        return random.Next(trend is null ? 6 : 7) switch
        {
            0 => new(NewsTopic.Business, $"{company} chief executive {chief} said profits {(up ? "rose" : "fell")} {percent} percent{shopping}.", up),
            1 => new(NewsTopic.Business, $"In {Place}, {item} now costs {price} crowns."),
            2 => new(NewsTopic.Business, $"Shares in {company} {(up ? "soared" : "slumped")} after {chief} {(up ? "unveiled a bold plan" : "warned of weak sales")}.", up),
            3 => new(NewsTopic.Business, $"Shoppers in {Place} complained that {item} costs {price} crowns this {Month}.", false),
            4 => new(NewsTopic.Business, $"{chief}, who runs {company}, {(up ? "hired" : "cut")} {random.Next(100, 3000)} jobs in {Place}.", up),
            5 => new(NewsTopic.Business, $"Investors {(up ? random.Pick(PositiveWords) : random.Pick(NegativeWords))} the results of {company}{shopping}.", up),
            _ => new(NewsTopic.Business, $"Analysts at Bluefield Bank say {trend} are reshaping the economy of {Country}."),
        };
    }

    private GeneratedSentence Technology()
    {
        var weights = Products.Select(p => Popularity.Adoption(t, FractionalYear.Of(p.Launch))).ToArray();
        var index = Popularity.Draw(random, weights);
        var trend = TrendFor(NewsTopic.Technology);
        if (index < 0 || (trend is not null && random.Next(4) == 0))
            return new(NewsTopic.Technology, $"Engineers in {Place} are excited about {trend ?? "faster internet"}.");
        var product = Products[index];
        if (date.Year == product.Launch.Year && date.Month == product.Launch.Month)
            return new(NewsTopic.Technology, $"{product.Maker} launched the {product.Name}, a new {product.Kind}, this {Month}.");
        var good = random.Next(2) == 0;
        return random.Next(6) switch
        {
            0 => new(NewsTopic.Technology, $"Queues formed in {Place} for the {product.Name} from {product.Maker}."),
            1 => new(NewsTopic.Technology, $"Reviewers {(good ? random.Pick(PositiveWords) : random.Pick(NegativeWords))} the battery of the {product.Name}.", good),
            2 => new(NewsTopic.Technology, $"More than {random.Next(2, 90)} million people now use {product.Name}, its maker {product.Maker} said."),
            3 => new(NewsTopic.Technology, $"Teenagers in {Place} spend hours every day on {product.Name}."),
            4 => new(NewsTopic.Technology, $"A software update for the {product.Name} {(good ? "fixed" : "caused")} problems with the screen.", good),
            _ => new(NewsTopic.Technology, $"The {product.Name} is the most popular {product.Kind} in {Country} this {Month}."),
        };
    }

    private GeneratedSentence Weather()
    {
        var place = Place;
        var word = Seasonal;
        var temperature = (int)Math.Round(9 - 11 * Math.Cos(2 * Math.PI * (date.Month - 1) / 12) + random.Next(-4, 5));
        return random.Next(5) switch
        {
            0 => new(NewsTopic.Weather, $"{place} woke up to {word} on {date.DayOfWeek}."),
            1 => new(NewsTopic.Weather, $"Forecasters expect {word} across {Country} this week."),
            2 => new(NewsTopic.Weather, $"Temperatures in {place} reached {temperature} degrees as {word} arrived."),
            3 => new(NewsTopic.Weather, $"Families in {place} made the most of the {word} this {Month}."),
            _ => new(NewsTopic.Weather, $"The {Month} weather brought {word} and {random.Pick(SeasonalWords[date.Month - 1].Where(w => w != word).ToArray())} to {place}."),
        };
    }

    /// <summary>A trending term of the topic drawn by popularity now, or null when none is in fashion.</summary>
    private string? TrendFor(NewsTopic topic)
    {
        var trends = Trends.Where(x => x.Topic == topic).ToArray();
        var weights = trends.Select(x => Popularity.Bump(t, x.PeakYear, x.WidthYears)).Select(w => w < 0.05 ? 0 : w).ToArray();
        var index = Popularity.Draw(random, weights);
        return index < 0 ? null : trends[index].Phrase;
    }
}
