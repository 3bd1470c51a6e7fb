namespace MLNetTemporal.Numerics;

public static partial class Statistics
{
    /// <summary>
    /// The off-diagonal entries of two square matrices of one size, paired up for a correlation (e.g. two task
    /// spaces, or predicted and real confusion). With <paramref name="symmetrise"/> each unordered pair i &lt; j counts
    /// once, valued (m[i,j] + m[j,i]) / 2, for matrices whose direction means nothing; without it every ordered pair
    /// i ≠ j counts, row by row. Entries not finite in either matrix are left out (an undefined similarity is not
    /// a small one).
    /// </summary>
    public static (double[] A, double[] B) OffDiagonal(double[,] a, double[,] b, bool symmetrise)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int n = a.GetLength(0);
        if (a.GetLength(1) != n || b.GetLength(0) != n || b.GetLength(1) != n)
            throw new ArgumentException($"{nameof(a)} is {a.GetLength(0)} x {a.GetLength(1)} and {nameof(b)} is {b.GetLength(0)} x {b.GetLength(1)}; both must be square and of one size", nameof(b));
        var (xs, ys) = (new List<double>(), new List<double>());
        for (int i = 0; i < n; i++)
            for (int j = symmetrise ? i + 1 : 0; j < n; j++)
            {
                if (i == j) continue;
                double x = symmetrise ? (a[i, j] + a[j, i]) / 2 : a[i, j], y = symmetrise ? (b[i, j] + b[j, i]) / 2 : b[i, j];
                if (double.IsFinite(x) && double.IsFinite(y)) { xs.Add(x); ys.Add(y); }
            }
        return ([.. xs], [.. ys]);
    }
}
