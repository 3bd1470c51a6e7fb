
namespace MLNetTemporal.Studies.Corpus;

/// <summary>Smooth curves (time in fractional years) for how often the corpus mentions a term.</summary>
internal static class Popularity
{
    public static double Bump(double t, double peak, double width) => Math.Exp(-0.5 * Math.Pow((t - peak) / width, 2));

    /// <summary>Zero before launch, spreading over about half a year, then fading as successors arrive.</summary>
    public static double Adoption(double t, double launch) =>
        t < launch ? 0 : (1 - Math.Exp(-(t - launch) / 0.4)) * Math.Exp(-(t - launch) / 2.5);

    /// <summary>Draws an index with probability proportional to its weight, or -1 when all weights are zero.</summary>
    public static int Draw(Random random, IReadOnlyList<double> weights)
    {
        var total = weights.Sum();
        if (total <= 0) return -1;
        var x = random.NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            x -= weights[i];
            if (x < 0) return i;
        }
        return weights.Count - 1;
    }
}
