using MLNetTemporal.LanguageModels;
using MLNetTemporal.WeightSpace;

namespace MLNetTemporal.TimeVectors;

/// <summary>A greedy soup: how often each period was added, the resulting weights (counts / total) and the dev score per round.</summary>
public sealed record TimeSoupResult(IReadOnlyDictionary<string, int> Counts, IReadOnlyDictionary<string, double> Weights, IReadOnlyList<double> ScoreByRound);

/// <summary>Time soups (METHODS.md): the greedy one adds, each round, the period that most improves the dev score.</summary>
public static class TimeSoup
{
    /// <summary>
    /// Round 1 takes the best single period; each later round tries adding every period once more (a period may be
    /// added repeatedly) and keeps the best candidate if it improves the score; at most <paramref name="maxRounds"/>
    /// rounds. The soup is <c>theta_pre + sum_p (count_p / total) tau_p</c>.
    /// </summary>
    public static TimeSoupResult Greedy(LanguageModel baseModel, TimeVectorSet vectors, Func<LanguageModel, double> score, SweepGoal goal,
        int maxRounds = 20, CancellationToken cancellationToken = default)
    {
        if (vectors.Count == 0) throw new ArgumentException("the set has no time vectors", nameof(vectors));
        if (maxRounds < 1) throw new ArgumentOutOfRangeException(nameof(maxRounds), maxRounds, "maxRounds must be at least 1");
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var history = new List<double>();
        for (int round = 0; round < maxRounds; round++)
        {
            (string Period, double Score)? best = null;
            foreach (var period in vectors.Periods)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var candidate = new SortedDictionary<string, int>(counts, StringComparer.Ordinal);
                candidate[period] = candidate.GetValueOrDefault(period) + 1;
                using var model = Apply(baseModel, vectors, candidate);
                var s = score(model);
                if (best is null || Better(s, best.Value.Score, goal)) best = (period, s);
            }
            if (history.Count > 0 && !Better(best!.Value.Score, history[^1], goal)) break;
            counts[best!.Value.Period] = counts.GetValueOrDefault(best.Value.Period) + 1;
            history.Add(best.Value.Score);
        }
        return new TimeSoupResult(counts, Weights(counts), history);
    }

    /// <summary><c>theta_pre + sum_p (count_p / total) tau_p</c>.</summary>
    public static LanguageModel Apply(LanguageModel baseModel, TimeVectorSet vectors, IReadOnlyDictionary<string, int> counts)
    {
        var weights = Weights(counts);
        return ModelWeights.Apply(baseModel, [.. weights.Keys.Select(p => vectors[p])], [.. weights.Values]);
    }

    private static Dictionary<string, double> Weights(IReadOnlyDictionary<string, int> counts)
    {
        double total = counts.Values.Sum();
        return counts.ToDictionary(kv => kv.Key, kv => kv.Value / total, StringComparer.Ordinal);
    }

    private static bool Better(double a, double b, SweepGoal goal) => goal == SweepGoal.Minimize ? a < b : a > b;
}
