using System.Globalization;
using MLNetTemporal.Data;
using MLNetTemporal.Probing;
using MLNetTemporal.Studies.Corpus;
using MLNetTemporal.Studies.Pretraining;

namespace MLNetTemporal.Studies.Probing;

/// <summary>Probe datasets drawn from the built-in corpus: its entities, its newsmakers and its held-out headlines.</summary>
public static class BuiltInProbeData
{
    /// <summary>
    /// The built-in corpus's entities. For time, people and events (birth years 1900–1995, event years 1850–2009);
    /// places are left out because their founding years lie centuries earlier, which a probe could read from the
    /// kind of name alone. For places, every entity with the coordinates of its place. Groups are the entity kinds.
    /// </summary>
    public static ProbeDataset Entities(ProbeTarget target, double testFraction = 0.2, int seed = 42, TemporalCorpusOptions? corpus = null)
    {
        var entities = TemporalEntities.For(corpus)
            .Where(e => target == ProbeTarget.Place || e.Kind != TemporalEntityKind.Place)
            .Select(e => (e.Name, Target: target == ProbeTarget.Place ? new[] { e.Latitude, e.Longitude } : new double[] { e.Year }, Group: e.Kind.ToString()))
            .ToList();
        var test = ProbeDataset.RandomSplit(entities.Count, testFraction, seed);
        return new ProbeDataset(target, entities.Select((e, i) => new ProbeRow(e.Name, e.Target, test[i], e.Group)).ToList(), "built-in entities");
    }

    /// <summary>
    /// The people and things in the built-in corpus's news, dated by when the news mentions them: every president,
    /// mayor and chief executive at the middle of their time in office within the corpus's years, products at their
    /// launch, trends at their peak. Unlike <see cref="Entities"/>, whose years the corpus states only in a few
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
                return (Name: g.Key, Year: (FractionalYear.Of(start) + FractionalYear.Of(end)) / 2, Group: g.First().Kind);
            });
        var rows = terms
            .Concat(CorpusVocabulary.Products.Select(p => (p.Name, Year: FractionalYear.Of(p.Launch), Group: "Product")))
            .Concat(CorpusVocabulary.Trends.Select(t => (Name: t.Phrase, Year: t.PeakYear, Group: "Trend")))
            .ToList();
        var test = ProbeDataset.RandomSplit(rows.Count, testFraction, seed);
        return new ProbeDataset(ProbeTarget.Time, rows.Select((r, i) => new ProbeRow(r.Name, [r.Year], test[i], r.Group)).ToList(), "built-in newsmakers");
    }

    /// <summary>
    /// The paper's headlines dataset on the built-in corpus: held-out sentences (never trained on by the default
    /// model) with their dates as fractional years, leaving out sentences that state a year. Probe them with
    /// <see cref="ProbePooling.EntityMean"/> (the entity is the whole sentence). Groups are the years.
    /// </summary>
    public static ProbeDataset Headlines(double testFraction = 0.2, int seed = 42, TemporalCorpusOptions? corpus = null)
    {
        var (_, heldOut) = DefaultModel.Split(new TemporalCorpusGenerator(corpus ?? new TemporalCorpusOptions { SentencesPerMonth = ModelPreset.Tiny.SentencesPerMonth }));
        var rows = heldOut.Where(t => !StatesAYear.IsMatch(t.Text)).ToList();
        var test = ProbeDataset.RandomSplit(rows.Count, testFraction, seed);
        return new ProbeDataset(ProbeTarget.Time, rows.Select((t, i) => new ProbeRow(t.Text, [FractionalYear.Of(t.Date)], test[i], t.Date.Year.ToString(CultureInfo.InvariantCulture))).ToList(),
            "built-in headlines");
    }

    private static readonly System.Text.RegularExpressions.Regex StatesAYear = new(@"\b(1[89]|20)\d\d\b", System.Text.RegularExpressions.RegexOptions.Compiled);
}
