using FluentAssertions;
using MLNetTemporal.Numerics;
using Xunit;

namespace MLNetTemporal.Tests.Numerics;

/// <summary>
/// Reference values marked "scipy" were computed with scipy 1.10.1 and scikit-learn 1.2.1 (Debian bookworm's
/// python3-scipy and python3-sklearn): stats.pearsonr, stats.spearmanr, stats.kendalltau (variant "b"),
/// stats.rankdata, stats.linregress and metrics.roc_auc_score on the series below; the off-diagonal ones on
/// (M + Mᵀ)/2 at np.triu_indices(4, 1), or on M at ~np.eye(4, dtype=bool).
/// </summary>
public class StatisticsTests
{
    // Digits of π against digits of e: ties of two and three in x, of two and four in y.
    private static readonly double[] X = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
    private static readonly double[] Y = [2, 7, 1, 8, 2, 8, 1, 8, 2, 8, 4];

    [Fact]
    public void Pearson_matches_closed_forms_and_scipy()
    {
        // dx = [-1, 0, 1], dy = [-7/3, -1/3, 8/3]: sxy = 5, sxx = 2, syy = 114/9.
        Statistics.Pearson([1, 2, 3], [2, 4, 7]).Should().BeApproximately(5 / Math.Sqrt(2 * 114 / 9.0), 1e-15);
        Statistics.Pearson([1, 2, 3], [5, 3, 1]).Should().BeApproximately(-1, 1e-15);
        Statistics.Pearson(X, Y).Should().BeApproximately(0.09422924859889797, 1e-14, "scipy");
    }

    [Fact]
    public void Slope_matches_a_hand_computation_and_scipy()
    {
        // dx = [-1, 0, 1], dy = [-5/3, 1/3, 4/3]: sxy = 3, sxx = 2.
        Statistics.Slope([1, 2, 3], [2, 4, 5]).Should().BeApproximately(1.5, 1e-15);
        Statistics.Slope(X, Y).Should().BeApproximately(0.125, 1e-14, "scipy");
        Statistics.Slope([2, 2, 2], [1, 2, 3]).Should().Be(double.NaN, "a vertical line has no slope");
    }

    [Fact]
    public void Ranks_are_one_based_and_average_ties_as_rankdata()
    {
        Statistics.Ranks([1, 2, 2, 3]).Should().Equal(1, 2.5, 2.5, 4);
        Statistics.Ranks(X).Should().Equal(4.5, 1.5, 6, 1.5, 8, 11, 3, 10, 8, 4.5, 8); // scipy
        Statistics.Ranks([double.PositiveInfinity, 0, double.NegativeInfinity]).Should().Equal(3, 2, 1);
        Statistics.Ranks([]).Should().BeEmpty();
    }

    [Fact]
    public void Spearman_averages_tied_ranks()
    {
        // Ranks of x: 1, 2.5, 2.5, 4; of y: 1, 3, 2, 4; Pearson of the ranks = 4.5 / √(4.5 · 5) = 3 / √10.
        Statistics.Spearman([1, 2, 2, 3], [1, 3, 2, 4]).Should().BeApproximately(3 / Math.Sqrt(10), 1e-15);
        // Ranks [1, 2.5, 2.5, 4] and [2, 3.5, 3.5, 1]: covariance −1.5 over variances 4.5.
        Statistics.Spearman([1, 2, 2, 3], [10, 20, 20, 5]).Should().BeApproximately(-1.0 / 3, 1e-15);
        Statistics.Spearman(X, Y).Should().BeApproximately(0.1384567651467695, 1e-14, "scipy");
        Statistics.Spearman([1, 2, 3, 4], [1, 8, 27, 64]).Should().Be(1, "any increasing function");
    }

    [Fact]
    public void Kendall_tau_b_counts_ties_in_the_denominator()
    {
        // 7 concordant and 3 discordant pairs of 10.
        Statistics.KendallTauB([1, 2, 3, 4, 5], [3, 1, 2, 5, 4]).Should().BeApproximately(0.4, 1e-15);
        // 5 concordant, no discordant, one pair tied in x: 5 / √((6 − 1) · 6).
        Statistics.KendallTauB([1, 2, 2, 3], [1, 3, 2, 4]).Should().BeApproximately(5 / Math.Sqrt(30), 1e-15);
        Statistics.KendallTauB(X, Y).Should().BeApproximately(0.14757295747452434, 1e-14, "scipy");
        // ∞ − ∞ is NaN, on which Math.Sign throws; the two infinities are a tie.
        Statistics.KendallTauB([double.PositiveInfinity, double.PositiveInfinity, 1, 2], [1, 2, 3, 4])
            .Should().BeApproximately(-0.5477225575051662, 1e-14, "scipy");
    }

    [Fact]
    public void Roc_auc_is_the_mann_whitney_share_with_ties_counting_half()
    {
        // Pairs won: 0.9 beats all three (3); 0.4 beats 0.3 and ties 0.4 (1.5); 0.7 beats 0.3 and 0.4 (2): 6.5 of 9.
        Statistics.RocAuc([0.9, 0.4, 0.7], [0.3, 0.4, 0.8]).Should().BeApproximately(6.5 / 9, 1e-15);
        Statistics.RocAuc([1, 2], [3, 4]).Should().Be(0);
        Statistics.RocAuc([3, 4], [1, 2]).Should().Be(1);
        Statistics.RocAuc([5, 5], [5, 5, 5]).Should().Be(0.5);
        Statistics.RocAuc([0.9, 0.4, 0.7, 0.4, 0.1], [0.3, 0.4, 0.8, 0.4, 0.1, 0.2]).Should().BeApproximately(0.65, 1e-15, "sklearn: 19.5 of 30");
    }

    [Fact]
    public void Off_diagonal_pairs_symmetrise_or_keep_every_ordered_pair()
    {
        double[,] a = { { 1, 0.2, 0.5, 0.9 }, { 0.4, 1, 0.3, 0.1 }, { 0.7, 0.6, 1, 0.8 }, { 0.3, 0.2, 0.5, 1 } };
        double[,] b = { { 1, 3, 1, 4 }, { 1, 1, 5, 9 }, { 2, 6, 1, 5 }, { 3, 5, 8, 1 } };
        var (sa, sb) = Statistics.OffDiagonal(a, b, symmetrise: true);
        sa.Should().Equal([(0.2 + 0.4) / 2, (0.5 + 0.7) / 2, (0.9 + 0.3) / 2, (0.3 + 0.6) / 2, (0.1 + 0.2) / 2, (0.8 + 0.5) / 2]);
        sb.Should().Equal(2, 1.5, 3.5, 5.5, 7, 6.5);
        Statistics.Pearson(sa, sb).Should().BeApproximately(-0.24414982555305828, 1e-14, "scipy");
        Statistics.Spearman(sa, sb).Should().BeApproximately(-0.20291986247835694, 1e-14, "scipy");

        var (oa, ob) = Statistics.OffDiagonal(a, b, symmetrise: false);
        oa.Should().Equal(0.2, 0.5, 0.9, 0.4, 0.3, 0.1, 0.7, 0.6, 0.8, 0.3, 0.2, 0.5);
        Statistics.Pearson(oa, ob).Should().BeApproximately(-0.2024723580177244, 1e-14, "scipy");

        a[1, 2] = double.NaN;
        b[3, 0] = double.PositiveInfinity;
        var (fa, fb) = Statistics.OffDiagonal(a, b, symmetrise: true);
        fa.Should().HaveCount(4, "the pairs (1, 2) and (0, 3) are undefined in one matrix");
        fb.Should().Equal(2, 1.5, 7, 6.5);
        FluentActions.Invoking(() => Statistics.OffDiagonal(a, new double[3, 3], symmetrise: true))
            .Should().Throw<ArgumentException>().WithMessage("a is 4 x 4 and b is 3 x 3*");
    }

    [Fact]
    public void Too_few_values_or_no_spread_give_nan()
    {
        foreach (var statistic in new Func<IReadOnlyList<double>, IReadOnlyList<double>, double>[]
                     { Statistics.Pearson, Statistics.Spearman, Statistics.KendallTauB, Statistics.Slope })
        {
            statistic([], []).Should().Be(double.NaN);
            statistic([1], [2]).Should().Be(double.NaN);
        }
        foreach (var statistic in new Func<IReadOnlyList<double>, IReadOnlyList<double>, double>[]
                     { Statistics.Pearson, Statistics.Spearman, Statistics.KendallTauB })
        {
            statistic([1, 1, 1], [1, 2, 3]).Should().Be(double.NaN);
            statistic([1, 2, 3], [4, 4, 4]).Should().Be(double.NaN);
        }
        Statistics.RocAuc([], [1, 2]).Should().Be(double.NaN);
        Statistics.RocAuc([1, 2], []).Should().Be(double.NaN);
    }

    [Fact]
    public void Nan_anywhere_gives_nan()
    {
        double[] withNan = [1, double.NaN, 3, 4];
        double[] clean = [1, 2, 3, 5];
        Statistics.Ranks(withNan).Should().OnlyContain(r => double.IsNaN(r), "scipy's rankdata, nan_policy='propagate'");
        foreach (var statistic in new Func<IReadOnlyList<double>, IReadOnlyList<double>, double>[]
                     { Statistics.Pearson, Statistics.Spearman, Statistics.KendallTauB, Statistics.Slope })
        {
            statistic(withNan, clean).Should().Be(double.NaN);
            statistic(clean, withNan).Should().Be(double.NaN);
        }
        Statistics.RocAuc([0.5, double.NaN], [0.1]).Should().Be(double.NaN);
        Statistics.Pearson([1, double.PositiveInfinity, 3], [1, 2, 3]).Should().Be(double.NaN);
    }

    [Fact]
    public void Mismatched_lengths_throw_naming_both_series()
    {
        foreach (var statistic in new Func<IReadOnlyList<double>, IReadOnlyList<double>, double>[]
                     { Statistics.Pearson, Statistics.Spearman, Statistics.KendallTauB, Statistics.Slope })
            FluentActions.Invoking(() => statistic([1, 2, 3], [1, 2]))
                .Should().Throw<ArgumentException>().WithMessage("x has 3 values but y has 2*");
    }

    [Fact]
    public void Bootstrap_interval_is_seeded_and_matches_the_normal_approximation_for_a_mean()
    {
        double[] data = [.. Enumerable.Range(0, 100).Select(i => (double)i)];
        double Mean(int[] rows) => rows.Average(r => data[r]);
        var interval = Statistics.BootstrapInterval(data.Length, Mean, seed: 7, resamples: 2000);
        Statistics.BootstrapInterval(data.Length, Mean, seed: 7, resamples: 2000).Should().Be(interval, "the resampling is seeded");
        Statistics.BootstrapInterval(data.Length, Mean, seed: 8, resamples: 2000).Should().NotBe(interval);
        // The mean's standard error is σ/√n = √((n² − 1)/12)/√n ≈ 2.887, so the 95% interval is about 49.5 ± 5.66.
        double halfWidth = 1.959964 * Math.Sqrt((100.0 * 100 - 1) / 12) / 10;
        interval.Low.Should().BeApproximately(49.5 - halfWidth, 0.6);
        interval.High.Should().BeApproximately(49.5 + halfWidth, 0.6);

        Statistics.BootstrapInterval(10, _ => 3, seed: 1).Should().Be((3.0, 3.0));
        // Quantiles are the nearest order statistics, midpoints to even, as numpy:
        // percentile(arange(5), [25, 75], method="nearest") = [1, 3]; percentile([0, 1, 2], ...) = [0, 2].
        int call = 0;
        Statistics.BootstrapInterval(10, _ => call++, seed: 1, level: 0.5, resamples: 5).Should().Be((1.0, 3.0));
        call = 0;
        Statistics.BootstrapInterval(10, _ => call++, seed: 1, level: 0.5, resamples: 3).Should().Be((0.0, 2.0));
    }

    [Fact]
    public void Bootstrap_interval_drops_undefined_resamples_and_rejects_bad_settings()
    {
        Statistics.BootstrapInterval(1, _ => 1, seed: 1).Should().Be((double.NaN, double.NaN));
        Statistics.BootstrapInterval(10, _ => double.NaN, seed: 1).Should().Be((double.NaN, double.NaN));
        int call = 0;
        Statistics.BootstrapInterval(10, _ => call++ % 2 == 0 ? double.NaN : 2, seed: 1).Should().Be((2.0, 2.0));
        FluentActions.Invoking(() => Statistics.BootstrapInterval(10, _ => 0, seed: 1, level: 1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Statistics.BootstrapInterval(10, _ => 0, seed: 1, resamples: 0)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
