using FluentAssertions;
using MLNetTemporal.WeightSpace;
using Xunit;
using static MLNetTemporal.Tests.WeightSpace.WeightSpaceModels;

namespace MLNetTemporal.Tests.WeightSpace;

public sealed class WeightMergingTests
{
    [Fact]
    public void Ties_trims_elects_signs_and_averages_the_agreeing_entries()
    {
        // Density 0.5 keeps [0,-2,3,0] and [-4,0,2,0]; weighted sum [-4,-2,5,0] elects signs [-,-,+,+];
        // agreeing entries: -4 (v2), -2 (v1), 3 and 2 (both, mean 2.5), none at the last (divisor 0 -> 1).
        using var v1 = Vector(("w", [1f, -2f, 3f, 0.5f]));
        using var v2 = Vector(("w", [-4f, 1f, 2f, -0.1f]));
        using var merged = WeightMerging.Merge([v1, v2], [1, 1], new MergeOptions { Method = MergeMethod.Ties, Density = 0.5 });
        Values(merged["w"]).Should().Equal([-4f, -2f, 2.5f, 0f]);

        // Unnormalised with weights 2 and 1: the sum of the agreeing weighted entries.
        using var weighted = WeightMerging.Merge([v1, v2], [2, 1], new MergeOptions { Method = MergeMethod.Ties, Density = 0.5, Normalize = false });
        Values(weighted["w"]).Should().Equal([-4f, -4f, 8f, 0f]);
    }

    [Fact]
    public void Dare_keeps_each_entry_with_probability_density_rescaled_and_is_seeded()
    {
        var values = Enumerable.Range(1, 20000).Select(i => (float)i).ToArray();
        using var v = Vector(("w", values));
        var options = new MergeOptions { Method = MergeMethod.Dare, Density = 0.3, Seed = 7 };
        using var first = WeightMerging.Merge([v], [1], options);
        using var again = WeightMerging.Merge([v], [1], options);
        using var otherSeed = WeightMerging.Merge([v], [1], new MergeOptions { Method = MergeMethod.Dare, Density = 0.3, Seed = 8 });
        var result = Values(first["w"]);
        result.Should().Equal(Values(again["w"]));
        result.Should().NotEqual(Values(otherSeed["w"]));
        for (int i = 0; i < values.Length; i++)
            (result[i] == 0 || Math.Abs(result[i] - values[i] / 0.3f) <= 1e-3f * values[i]).Should().BeTrue($"entry {i} is {result[i]}");
        var kept = result.Count(x => x != 0) / (double)values.Length;
        kept.Should().BeApproximately(0.3, 0.02);
    }

    [Fact]
    public void Linear_merging_is_the_weighted_sum()
    {
        using var v1 = Vector(("w", [1f, 2f]));
        using var v2 = Vector(("w", [3f, -1f]));
        using var merged = WeightMerging.Merge([v1, v2], [0.5, 2], new MergeOptions { Lambda = 2 });
        Values(merged["w"]).Should().Equal([2f * (0.5f + 6f), 2f * (1f - 2f)]);
    }
}
