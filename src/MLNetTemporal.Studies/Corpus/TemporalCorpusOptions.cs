
namespace MLNetTemporal.Studies.Corpus;

public sealed record TemporalCorpusOptions
{
    /// <summary>Decides the fictional world (who holds which office when, champions, CEOs) and every sentence.</summary>
    public int Seed { get; init; } = 42;

    public int StartYear { get; init; } = 2010;

    /// <summary>Last year generated, inclusive.</summary>
    public int EndYear { get; init; } = 2021;

    public int SentencesPerMonth { get; init; } = 150;

    /// <summary>Share of sentences that state an entity's year or place ("… was born in 1954 in Varnholt."), for probes.</summary>
    public double EntitySentenceShare { get; init; } = 0.05;

    /// <summary>
    /// Share of sentences followed by their month and year in brackets ("… this week. (March 2015)"), as a news feed
    /// dates its items. To predict that date a model has to read it off the content (office holders, prices,
    /// products, trends), which is what gives a small model a representation of time for probes to find.
    /// </summary>
    public double DatelineShare { get; init; } = 0.2;

    /// <summary>Share of sentences that open with their month and year ("In March 2015, …").</summary>
    public double DatePrefixShare { get; init; } = 0.1;

    /// <summary>
    /// Share of lines in labeled format ("Headline: … Topic: sports Headline: … Topic: weather", one to eight
    /// examples a line), enough for the default models to classify in context above chance.
    /// </summary>
    public double LabeledLineShare { get; init; } = 0.06;
}
