using MLNetTemporal.Numerics;

namespace MLNetTemporal.TaskSpaces;

/// <summary>How alike two task spaces are (e.g. of two checkpoints): correlation of their off-diagonal entries over the tasks both have.</summary>
public sealed record TaskSpaceCorrelation(string Matrix, int SharedTasks, int Entries, double Pearson, double Spearman);

public static class TaskSpaceComparison
{
    /// <summary>Correlates the symmetrised off-diagonal entries (i &lt; j) of two matrices over their shared tasks.</summary>
    public static TaskSpaceCorrelation Correlate(TaskSpaceMatrix a, TaskSpaceMatrix b)
    {
        var shared = a.Tasks.Where(b.Tasks.Contains).ToList();
        if (shared.Count < 3) throw new ArgumentException($"the task spaces share {shared.Count} tasks; comparing them needs at least 3");
        var (x, y) = Statistics.OffDiagonal(Shared(a, shared), Shared(b, shared), symmetrise: true);
        return new TaskSpaceCorrelation(a.Name, shared.Count, x.Length, Statistics.Pearson(x, y), Statistics.Spearman(x, y));
    }

    private static double[,] Shared(TaskSpaceMatrix m, List<string> shared)
    {
        var tasks = m.Tasks.ToList();
        return m.Reordered([.. shared.Select(t => tasks.IndexOf(t))]).Values;
    }
}
