namespace MLNetTemporal.TaskSpaces;

/// <summary>Correlations used to compare task spaces with groupings and with each other.</summary>
public static class Statistics
{
    /// <summary>Pearson correlation; NaN when either side is constant.</summary>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException($"{x.Count} values against {y.Count}");
        if (x.Count < 2) return double.NaN;
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Spearman rank correlation (ties get their mean rank).</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y) => Pearson(Ranks(x), Ranks(y));

    private static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            for (int k = start; k <= end; k++) ranks[order[k]] = (start + end) / 2.0;
            start = end + 1;
        }
        return ranks;
    }
}

/// <summary>How alike two task spaces are (e.g. of two checkpoints): correlation of their off-diagonal entries over the tasks both have.</summary>
public sealed record TaskSpaceCorrelation(string Matrix, int SharedTasks, int Entries, double Pearson, double Spearman);

public static class TaskSpaceComparison
{
    /// <summary>Correlates the symmetrised off-diagonal entries (i &lt; j) of two matrices over their shared tasks.</summary>
    public static TaskSpaceCorrelation Correlate(TaskSpaceMatrix a, TaskSpaceMatrix b)
    {
        var shared = a.Tasks.Where(b.Tasks.Contains).ToList();
        if (shared.Count < 3) throw new ArgumentException($"the task spaces share {shared.Count} tasks; comparing them needs at least 3");
        var (sa, sb) = (a.Symmetric(), b.Symmetric());
        var x = new List<double>();
        var y = new List<double>();
        for (int i = 0; i < shared.Count; i++)
            for (int j = i + 1; j < shared.Count; j++)
            {
                double va = sa[IndexOf(a, shared[i]), IndexOf(a, shared[j])], vb = sb[IndexOf(b, shared[i]), IndexOf(b, shared[j])];
                if (double.IsFinite(va) && double.IsFinite(vb)) { x.Add(va); y.Add(vb); }
            }
        return new TaskSpaceCorrelation(a.Name, shared.Count, x.Count, Statistics.Pearson(x, y), Statistics.Spearman(x, y));
    }

    private static int IndexOf(TaskSpaceMatrix m, string task) => m.Tasks.ToList().IndexOf(task);
}
