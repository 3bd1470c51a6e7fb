using Microsoft.ML.SearchSpace;

namespace MLNetTemporal.TimeVectors;

/// <summary>
/// Which time vectors a time-adapted model adds to its base, and with which coefficients:
/// <c>theta = theta_pre + sum_i lambda_i tau_i</c>. The coefficients are properties with <see cref="RangeAttribute"/>
/// so AutoML-style tuners (and <see cref="CoefficientSweep"/>) can sweep them.
/// </summary>
public sealed class TimeAdaptationOptions
{
    /// <summary>The vectors, taken from the same base the text options name. Not owned.</summary>
    public TimeVectorSet? TimeVectors { get; set; }

    /// <summary>The periods whose vectors are added, in order; null: every period of the set.</summary>
    public IReadOnlyList<string>? Periods { get; set; }

    /// <summary>
    /// Used when <see cref="Lambdas"/> is null. One period: <c>theta_pre + Alpha * tau</c>; two periods (j, k):
    /// the interpolation <c>theta_pre + Alpha * tau_j + (1 - Alpha) * tau_k</c> (METHODS.md).
    /// </summary>
    [Range(0.0, 1.0, 0.5, false)]
    public double Alpha { get; set; } = 0.5;

    /// <summary>One coefficient per period (overrides <see cref="Alpha"/>); any number of periods.</summary>
    public IReadOnlyList<double>? Lambdas { get; set; }

    /// <summary>The periods and their coefficients this asks for, checked against the set.</summary>
    internal (IReadOnlyList<string> Periods, IReadOnlyList<double> Coefficients) Resolve()
    {
        var set = TimeVectors ?? throw new ArgumentException("TimeVectors is not set");
        var periods = Periods ?? set.Periods;
        if (periods.Count == 0) throw new ArgumentException("no periods to adapt to");
        foreach (var p in periods)
            if (!set.Contains(p)) throw new ArgumentException($"period '{p}' has no time vector (periods: {string.Join(", ", set.Periods)})");
        if (Lambdas is not null)
        {
            if (Lambdas.Count != periods.Count)
                throw new ArgumentException($"Lambdas has {Lambdas.Count} values but there are {periods.Count} periods ({string.Join(", ", periods)})");
            if (Lambdas.Any(l => !double.IsFinite(l))) throw new ArgumentOutOfRangeException(nameof(Lambdas), "Lambdas must be finite");
            return (periods, Lambdas);
        }
        if (!double.IsFinite(Alpha)) throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "Alpha must be finite");
        return periods.Count switch
        {
            1 => (periods, [Alpha]),
            2 => (periods, [Alpha, 1 - Alpha]),
            _ => throw new ArgumentException($"{periods.Count} periods ({string.Join(", ", periods)}): Alpha covers one or two; set Lambdas"),
        };
    }

    internal TimeAdaptationOptions With(double? alpha = null, IReadOnlyList<double>? lambdas = null) => new()
    {
        TimeVectors = TimeVectors, Periods = Periods, Alpha = alpha ?? Alpha, Lambdas = lambdas ?? Lambdas,
    };
}
