namespace MLNetTemporal.TaskSpaces;

/// <summary>How the distance between two clusters is taken from the distances of their members.</summary>
public enum Linkage
{
    /// <summary>Mean distance over all member pairs (UPGMA): the default, robust to single noisy entries.</summary>
    Average,
    /// <summary>Largest member distance: compact clusters.</summary>
    Complete,
    /// <summary>Smallest member distance: chains.</summary>
    Single,
}

/// <summary>One merge of the dendrogram: clusters <paramref name="Left"/> and <paramref name="Right"/> (leaf ids 0..n-1, merged clusters n, n+1, ...) at a distance.</summary>
public sealed record ClusterMerge(int Left, int Right, double Distance, int Size);

/// <summary>The result of clustering: the merges bottom-up and the leaves in dendrogram order.</summary>
public sealed record Dendrogram(IReadOnlyList<ClusterMerge> Merges, IReadOnlyList<int> Order)
{
    /// <summary>Cluster label (0-based) of every leaf when the tree is cut into <paramref name="clusters"/> clusters.</summary>
    public int[] Cut(int clusters)
    {
        int n = Order.Count;
        if (clusters < 1 || clusters > n) throw new ArgumentOutOfRangeException(nameof(clusters), clusters, $"the number of clusters must be in 1..{n}");
        var members = Enumerable.Range(0, n).Select(i => new List<int> { i }).ToList();
        var alive = Enumerable.Range(0, n).ToHashSet();
        foreach (var merge in Merges.Take(n - clusters))
        {
            members.Add([.. members[merge.Left], .. members[merge.Right]]);
            alive.Remove(merge.Left);
            alive.Remove(merge.Right);
            alive.Add(members.Count - 1);
        }
        var labels = new int[n];
        // Labels follow the dendrogram order, so cluster 0 is the leftmost.
        int next = 0;
        var byCluster = new Dictionary<int, int>();
        var clusterOf = new int[n];
        foreach (var c in alive) foreach (var leaf in members[c]) clusterOf[leaf] = c;
        foreach (var leaf in Order)
        {
            if (!byCluster.TryGetValue(clusterOf[leaf], out var label)) byCluster[clusterOf[leaf]] = label = next++;
            labels[leaf] = label;
        }
        return labels;
    }
}

/// <summary>
/// Agglomerative clustering of tasks from a similarity matrix, distance = 1 - similarity (any constant minus the
/// similarity gives the same tree; non-finite entries count as least similar). Deterministic: ties merge the pair
/// with the smallest indices first, and in the leaf order the lower-numbered side comes first.
/// </summary>
public static class HierarchicalClustering
{
    public static Dendrogram Cluster(double[,] similarity, Linkage linkage = Linkage.Average)
    {
        int n = similarity.GetLength(0);
        if (n == 0 || similarity.GetLength(1) != n) throw new ArgumentException($"the similarity matrix must be square and non-empty, it is {n}x{similarity.GetLength(1)}");
        double worst = 0;
        foreach (var v in similarity) if (double.IsFinite(v)) worst = Math.Max(worst, 1 - v);
        var distance = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double s = (similarity[i, j] + similarity[j, i]) / 2;
                distance[i, j] = double.IsFinite(s) ? 1 - s : worst;
            }

        var members = Enumerable.Range(0, n).Select(i => new List<int> { i }).ToList();
        var leaves = Enumerable.Range(0, n).Select(i => new List<int> { i }).ToList();
        var alive = Enumerable.Range(0, n).ToList();
        var merges = new List<ClusterMerge>();
        while (alive.Count > 1)
        {
            (int a, int b, double d) best = (-1, -1, double.PositiveInfinity);
            for (int x = 0; x < alive.Count; x++)
                for (int y = x + 1; y < alive.Count; y++)
                {
                    double d = Between(members[alive[x]], members[alive[y]], distance, linkage);
                    if (d < best.d) best = (alive[x], alive[y], d);
                }
            members.Add([.. members[best.a], .. members[best.b]]);
            leaves.Add([.. leaves[best.a], .. leaves[best.b]]);
            merges.Add(new ClusterMerge(best.a, best.b, best.d, members[^1].Count));
            alive.Remove(best.a);
            alive.Remove(best.b);
            alive.Add(members.Count - 1);
        }
        return new Dendrogram(merges, leaves[alive[0]]);
    }

    private static double Between(List<int> a, List<int> b, double[,] distance, Linkage linkage)
    {
        var values = a.SelectMany(i => b.Select(j => distance[i, j]));
        return linkage switch
        {
            Linkage.Complete => values.Max(),
            Linkage.Single => values.Min(),
            _ => values.Average(),
        };
    }
}
