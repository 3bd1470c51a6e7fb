using FluentAssertions;
using MLNetTemporal.TaskSpaces;
using Xunit;

namespace MLNetTemporal.Tests.TaskSpaces;

public class TaskSpaceAnalysisTests
{
    /// <summary>Two blocks {0,2,4} and {1,3,5}: 0.9 within, 0.1 between (interleaved so order is not given away).</summary>
    private static TaskSpaceMatrix Blocks()
    {
        var values = new double[6, 6];
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 6; j++)
                values[i, j] = i == j ? 1 : i % 2 == j % 2 ? 0.9 - 0.01 * (i + j) : 0.1;
        return new TaskSpaceMatrix("m", "", ["a0", "b1", "a2", "b3", "a4", "b5"], values);
    }

    [Theory]
    [InlineData(Linkage.Average)]
    [InlineData(Linkage.Complete)]
    [InlineData(Linkage.Single)]
    public void ClusteringPutsEachBlockTogetherInTheLeafOrder(Linkage linkage)
    {
        var tree = HierarchicalClustering.Cluster(Blocks().Values, linkage);
        tree.Merges.Should().HaveCount(5);
        var order = tree.Order.ToArray();
        order.Should().BeEquivalentTo([0, 1, 2, 3, 4, 5]);
        order.Take(3).Select(i => i % 2).Distinct().Should().HaveCount(1, "the first three leaves are one block");
        tree.Cut(2).Should().Equal(0, 1, 0, 1, 0, 1);
        tree.Merges[^1].Distance.Should().BeApproximately(0.9, 1e-12, "the blocks join at distance 1 - 0.1");
    }

    [Fact]
    public void TheGroupingTestFindsTheBlocksAndNotARandomGrouping()
    {
        var matrix = Blocks();
        var right = GroupingTest.Run(matrix, ["a", "b", "a", "b", "a", "b"], permutations: 500, seed: 1);
        right.WithinMean.Should().BeApproximately(new[] { 0.88, 0.86, 0.84, 0.86, 0.84, 0.82 }.Average(), 1e-12);
        right.BetweenMean.Should().BeApproximately(0.1, 1e-12);
        right.Correlation.Should().BeGreaterThan(0.99);
        // Six tasks split 3+3 can be labelled 20 ways, two of which (a/b swapped) are the true blocks: p is about 0.1.
        right.PValue.Should().BeApproximately(0.1, 0.04);

        var wrong = GroupingTest.Run(matrix, ["a", "a", "b", "b", "c", "c"], permutations: 500, seed: 1);
        wrong.Difference.Should().BeLessThan(0);
        wrong.PValue.Should().BeGreaterThan(0.5);
    }

    [Fact]
    public void ComparisonCorrelatesOffDiagonalEntriesOfSharedTasks()
    {
        var a = Blocks();
        var scaled = a with { Values = (double[,])a.Values.Clone() };
        for (int i = 0; i < 6; i++) for (int j = 0; j < 6; j++) scaled.Values[i, j] = 3 * a.Values[i, j] + 1;
        var c = TaskSpaceComparison.Correlate(a, scaled.Reordered([5, 4, 3, 2, 1, 0]));
        c.SharedTasks.Should().Be(6);
        c.Entries.Should().Be(15);
        c.Pearson.Should().BeApproximately(1, 1e-12);
        c.Spearman.Should().BeApproximately(1, 1e-12);
    }
}
