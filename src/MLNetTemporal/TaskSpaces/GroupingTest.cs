using MLNetTemporal.Numerics;

namespace MLNetTemporal.TaskSpaces;

/// <summary>
/// Whether a task space follows a grouping of the tasks (their phenomenon family, or any other labels, e.g. shared
/// vocabulary): mean similarity of same-group and different-group task pairs, the point-biserial correlation of
/// similarity with "same group", and a permutation p-value for the difference.
/// </summary>
/// <param name="Matrix">The matrix tested.</param>
/// <param name="WithinMean">Mean symmetrised similarity over pairs of distinct tasks in the same group.</param>
/// <param name="BetweenMean">Mean over pairs in different groups.</param>
/// <param name="Correlation">Pearson correlation of the similarity with the same-group indicator over all task pairs.</param>
/// <param name="PValue">Share of label permutations (plus the observed one) whose within-minus-between difference is at least the observed one.</param>
/// <param name="Permutations">How many random relabellings were drawn.</param>
public sealed record GroupingResult(string Matrix, double WithinMean, double BetweenMean, double Correlation, double PValue, int Permutations)
{
    public double Difference => WithinMean - BetweenMean;
}

public static class GroupingTest
{
    public static GroupingResult Run(TaskSpaceMatrix matrix, IReadOnlyList<string> groups, int permutations = 2000, int seed = 42)
    {
        int n = matrix.Tasks.Count;
        if (groups.Count != n) throw new ArgumentException($"{groups.Count} group labels for {n} tasks", nameof(groups));
        if (permutations < 0) throw new ArgumentOutOfRangeException(nameof(permutations), permutations, "Permutations must be non-negative");
        var s = matrix.Symmetric();
        var pairs = new List<(int I, int J, double S)>();
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                if (double.IsFinite(s[i, j])) pairs.Add((i, j, s[i, j]));
        var labels = groups.ToArray();
        var (within, between) = Means(pairs, labels);
        if (double.IsNaN(within) || double.IsNaN(between))
            throw new ArgumentException("the grouping needs at least one group with two tasks and two different groups");

        double observed = within - between;
        var random = new Random(seed);
        int atLeast = 0;
        for (int p = 0; p < permutations; p++)
        {
            random.Shuffle(labels);
            var (w, b) = Means(pairs, labels);
            if (w - b >= observed - 1e-12) atLeast++;
        }
        var same = pairs.Select(x => groups[x.I] == groups[x.J] ? 1.0 : 0.0).ToArray();
        return new GroupingResult(matrix.Name, within, between, Statistics.Pearson(pairs.Select(x => x.S).ToArray(), same), (atLeast + 1.0) / (permutations + 1.0), permutations);
    }

    private static (double Within, double Between) Means(List<(int I, int J, double S)> pairs, string[] labels)
    {
        double w = 0, b = 0;
        int nw = 0, nb = 0;
        foreach (var (i, j, s) in pairs)
            if (labels[i] == labels[j]) { w += s; nw++; }
            else { b += s; nb++; }
        return (nw == 0 ? double.NaN : w / nw, nb == 0 ? double.NaN : b / nb);
    }
}
