
namespace MLNetTemporal.Studies.Corpus;

/// <summary>The dated, located entities that the built-in corpus mentions, for time and place probes.</summary>
public static class TemporalEntities
{
    /// <summary>The entities of the corpus generated with <paramref name="options"/> (defaults when null).</summary>
    public static IReadOnlyList<TemporalEntity> For(TemporalCorpusOptions? options = null) =>
        new TemporalCorpusGenerator(options).Facts.Entities;
}
