namespace MLNetTemporal.TaskSpaces;

/// <summary>
/// A task x task matrix: row A, column B is how much A relates to B (transfer from A to B, or the similarity of
/// their gradient differentials). The task space.
/// </summary>
/// <param name="Name">Short name used for files (transfer, gradient_cosine, mask_overlap).</param>
/// <param name="Description">What an entry means.</param>
/// <param name="Tasks">Row and column labels.</param>
/// <param name="Values">Entries, [row, column].</param>
public sealed record TaskSpaceMatrix(string Name, string Description, IReadOnlyList<string> Tasks, double[,] Values)
{
    public double this[int row, int column] => Values[row, column];

    /// <summary>(M + Mᵀ)/2: the transfer matrix is not symmetric, clustering and grouping need a symmetric similarity.</summary>
    public double[,] Symmetric()
    {
        int n = Tasks.Count;
        var s = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                s[i, j] = (Values[i, j] + Values[j, i]) / 2;
        return s;
    }

    /// <summary>The matrix with rows and columns in the given order (e.g. the dendrogram's).</summary>
    public TaskSpaceMatrix Reordered(IReadOnlyList<int> order)
    {
        var values = new double[order.Count, order.Count];
        for (int i = 0; i < order.Count; i++)
            for (int j = 0; j < order.Count; j++)
                values[i, j] = Values[order[i], order[j]];
        return this with { Tasks = order.Select(i => Tasks[i]).ToArray(), Values = values };
    }

    /// <summary>Rows as arrays, for JSON.</summary>
    public double[][] Rows() => Enumerable.Range(0, Tasks.Count).Select(i => Enumerable.Range(0, Tasks.Count).Select(j => Values[i, j]).ToArray()).ToArray();
}
