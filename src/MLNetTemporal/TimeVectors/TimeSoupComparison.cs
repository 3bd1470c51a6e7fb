using MLNetTemporal.LanguageModels;
using MLNetTemporal.WeightSpace;

namespace MLNetTemporal.TimeVectors;

/// <summary>One compared model and its score on the dev half and on the test half.</summary>
public sealed record SoupComparisonRow(string Model, double Dev, double Test);

/// <summary>
/// The greedy soup chosen on the dev half of a period's held-out texts and reported on the test half, beside the base
/// model, each period's vector alone and the uniform soup. Rows come in that order; <see cref="BaseRow"/>,
/// <see cref="UniformRow"/> and <see cref="GreedyRow"/> name the rows that are not a period.
/// </summary>
public sealed record TimeSoupComparison(TimeSoupResult Soup, IReadOnlyList<string> Dev, IReadOnlyList<string> Test, IReadOnlyList<SoupComparisonRow> Rows)
{
    public const string BaseRow = "base";
    public const string UniformRow = "uniform soup";
    public const string GreedyRow = "greedy soup";

    /// <summary>
    /// Even-indexed texts choose the soup (<see cref="TimeSoup.Greedy"/>), odd-indexed ones report it, so the soup's
    /// test figure is not scored on the texts that picked it. <paramref name="score"/> rates a model on some texts
    /// (perplexity, with <see cref="SweepGoal.Minimize"/>).
    /// </summary>
    public static TimeSoupComparison Run(LanguageModel baseModel, TimeVectorSet vectors, IReadOnlyList<string> heldOut,
        Func<LanguageModel, IReadOnlyList<string>, double> score, SweepGoal goal, int maxRounds = 20, CancellationToken cancellationToken = default)
    {
        if (heldOut.Count < 2)
            throw new ArgumentException($"{heldOut.Count} held-out text(s); the soup needs a dev and a test half", nameof(heldOut));
        var dev = heldOut.Where((_, i) => i % 2 == 0).ToList();
        var test = heldOut.Where((_, i) => i % 2 == 1).ToList();
        var soup = TimeSoup.Greedy(baseModel, vectors, m => score(m, dev), goal, maxRounds, cancellationToken);

        var rows = new List<SoupComparisonRow>();
        void Add(string name, LanguageModel model)
        {
            cancellationToken.ThrowIfCancellationRequested();
            rows.Add(new SoupComparisonRow(name, score(model, dev), score(model, test)));
        }
        Add(BaseRow, baseModel);
        foreach (var period in vectors.Periods)
        {
            using var single = ModelWeights.Apply(baseModel, vectors[period]);
            Add(period, single);
        }
        using (var uniform = TimeSoup.Apply(baseModel, vectors, vectors.Periods.ToDictionary(p => p, _ => 1)))
            Add(UniformRow, uniform);
        using (var greedy = TimeSoup.Apply(baseModel, vectors, soup.Counts))
            Add(GreedyRow, greedy);
        return new TimeSoupComparison(soup, dev, test, rows);
    }
}
