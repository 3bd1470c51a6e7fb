using System.Globalization;
using System.Reflection;
using Microsoft.ML.SearchSpace;

namespace MLNetTemporal.TimeVectors;

/// <summary>Whether a sweep looks for the lowest metric (perplexity, loss) or the highest (accuracy, F1).</summary>
public enum SweepGoal { Minimize, Maximize }

/// <summary>A swept coefficient and the interval it may take.</summary>
public sealed record CoefficientRange(string Name, double Min, double Max, double Init)
{
    /// <summary><paramref name="points"/> evenly spaced values from Min to Max (both included).</summary>
    public IReadOnlyList<double> Grid(int points) => points < 2
        ? throw new ArgumentOutOfRangeException(nameof(points), points, "a grid needs at least 2 points per coefficient")
        : [.. Enumerable.Range(0, points).Select(i => Math.Round(Min + (Max - Min) * i / (points - 1), 12))];
}

/// <summary>One evaluated setting: coefficient name to value, and its metric.</summary>
public sealed record SweepPoint(IReadOnlyDictionary<string, double> Setting, double Metric)
{
    public override string ToString() =>
        string.Join(", ", Setting.Select(kv => $"{kv.Key}={kv.Value.ToString("0.###", CultureInfo.InvariantCulture)}")) +
        $" -> {Metric.ToString("G6", CultureInfo.InvariantCulture)}";
}

/// <summary>Every evaluated setting in evaluation order, and the best (the first of equals).</summary>
public sealed record SweepResult(IReadOnlyList<SweepPoint> Table, SweepPoint Best, SweepGoal Goal);

/// <summary>
/// Deterministic search over coefficients (AutoML-style tuning, without Microsoft.ML.AutoML): a full grid, or an
/// adaptive search that evaluates a coarse grid and then refines around the best point, halving the step each round.
/// </summary>
public static class CoefficientSweep
{
    /// <summary>The <see cref="RangeAttribute"/>-marked numeric properties of an options type, in declaration order.</summary>
    public static IReadOnlyList<CoefficientRange> RangesOf(Type optionsType) =>
    [
        .. optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Range: p.GetCustomAttribute<RangeAttribute>()))
            .Where(x => x.Range is not null)
            .Select(x => new CoefficientRange(x.Property.Name, Convert.ToDouble(x.Range!.Min, CultureInfo.InvariantCulture),
                Convert.ToDouble(x.Range.Max, CultureInfo.InvariantCulture),
                Convert.ToDouble(x.Range.Init ?? x.Range.Min, CultureInfo.InvariantCulture))),
    ];

    /// <summary>Evaluates every combination of the given values (the first name varies slowest).</summary>
    public static SweepResult Grid(IReadOnlyList<(string Name, IReadOnlyList<double> Values)> axes, Func<IReadOnlyDictionary<string, double>, double> evaluate,
        SweepGoal goal, IProgress<SweepPoint>? progress = null, CancellationToken cancellationToken = default)
    {
        var table = new List<SweepPoint>();
        Evaluate(Combinations(axes), evaluate, table, [], progress, cancellationToken);
        return Result(table, goal);
    }

    /// <summary>
    /// A grid of <paramref name="points"/> values per range, then <paramref name="refinements"/> rounds of a grid of
    /// the same size on [best - step, best + step] (clipped to the range), where step is the previous round's spacing.
    /// Settings already evaluated are not evaluated again.
    /// </summary>
    public static SweepResult Adaptive(IReadOnlyList<CoefficientRange> ranges, Func<IReadOnlyDictionary<string, double>, double> evaluate, SweepGoal goal,
        int points = 5, int refinements = 2, IProgress<SweepPoint>? progress = null, CancellationToken cancellationToken = default)
    {
        if (ranges.Count == 0) throw new ArgumentException("no coefficients to sweep", nameof(ranges));
        if (refinements < 0) throw new ArgumentOutOfRangeException(nameof(refinements), refinements, "refinements must be 0 or more");
        var table = new List<SweepPoint>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var current = ranges;
        for (int round = 0; ; round++)
        {
            Evaluate(Combinations([.. current.Select(r => (r.Name, r.Grid(points)))]), evaluate, table, seen, progress, cancellationToken);
            if (round == refinements) break;
            var best = Result(table, goal).Best;
            current = [.. current.Select((r, i) =>
            {
                double step = (r.Max - r.Min) / (points - 1), centre = best.Setting[r.Name];
                return r with { Min = Math.Max(ranges[i].Min, centre - step), Max = Math.Min(ranges[i].Max, centre + step) };
            })];
        }
        return Result(table, goal);
    }

    private static void Evaluate(IEnumerable<Dictionary<string, double>> settings, Func<IReadOnlyDictionary<string, double>, double> evaluate,
        List<SweepPoint> table, HashSet<string> seen, IProgress<SweepPoint>? progress, CancellationToken cancellationToken)
    {
        foreach (var setting in settings)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!seen.Add(Key(setting))) continue;
            var metric = evaluate(setting);
            if (double.IsNaN(metric)) throw new InvalidOperationException($"the metric of setting {Key(setting)} is NaN");
            var point = new SweepPoint(setting, metric);
            table.Add(point);
            progress?.Report(point);
        }
    }

    private static SweepResult Result(List<SweepPoint> table, SweepGoal goal)
    {
        var best = table[0];
        foreach (var p in table)
            if (goal == SweepGoal.Minimize ? p.Metric < best.Metric : p.Metric > best.Metric) best = p;
        return new SweepResult([.. table], best, goal);
    }

    private static IEnumerable<Dictionary<string, double>> Combinations(IReadOnlyList<(string Name, IReadOnlyList<double> Values)> axes)
    {
        if (axes.Count == 0) throw new ArgumentException("no coefficients to sweep", nameof(axes));
        foreach (var (name, values) in axes)
            if (values.Count == 0) throw new ArgumentException($"coefficient '{name}' has no values to try", nameof(axes));
        var index = new int[axes.Count];
        while (true)
        {
            yield return axes.Select((a, i) => (a.Name, Value: a.Values[index[i]])).ToDictionary(x => x.Name, x => x.Value, StringComparer.Ordinal);
            int d = axes.Count - 1;
            while (d >= 0 && ++index[d] == axes[d].Values.Count) index[d--] = 0;
            if (d < 0) yield break;
        }
    }

    private static string Key(IReadOnlyDictionary<string, double> setting) =>
        string.Join(";", setting.Select(kv => $"{kv.Key}={kv.Value.ToString("R", CultureInfo.InvariantCulture)}"));
}
