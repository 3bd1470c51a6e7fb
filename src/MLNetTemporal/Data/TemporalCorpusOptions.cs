namespace MLNetTemporal.Data;

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

    /// <summary>Share of lines in labeled format ("Headline: … Topic: sports"), so in-context classification has examples.</summary>
    public double LabeledLineShare { get; init; } = 0.03;
}
