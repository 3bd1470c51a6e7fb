namespace MLNetTemporal.WeightSpace;

/// <summary>How several vectors become one (mergekit's names).</summary>
public enum MergeMethod
{
    /// <summary>Task arithmetic: <c>sum_i w_i * tau_i</c>.</summary>
    Linear,
    /// <summary>TIES (Yadav et al. 2023): trim each vector to its largest-magnitude entries, elect a sign per entry, average the agreeing entries.</summary>
    Ties,
    /// <summary>DARE (Yu et al. 2023): drop entries at random and rescale the rest by 1/density, then sum (dare_linear), or TIES's sign election too.</summary>
    Dare,
}

/// <summary>Settings of <see cref="WeightMerging"/>; defaults follow mergekit.</summary>
public sealed class MergeOptions
{
    public MergeMethod Method { get; set; } = MergeMethod.Linear;

    /// <summary>Fraction of each vector's entries kept (TIES: by magnitude; DARE: at random).</summary>
    public double Density { get; set; } = 0.5;

    /// <summary>TIES (and DARE with <see cref="SignConsensus"/>): divide by the summed weights of the agreeing vectors.</summary>
    public bool Normalize { get; set; } = true;

    /// <summary>DARE only: elect signs as TIES does (mergekit's dare_ties) instead of a plain sum (dare_linear).</summary>
    public bool SignConsensus { get; set; }

    /// <summary>Scales the merged delta.</summary>
    public double Lambda { get; set; } = 1.0;

    /// <summary>Seeds DARE's random drops (per tensor name and vector, so the order of work does not matter).</summary>
    public long Seed { get; set; } = 42;

    internal void Validate()
    {
        if (Density is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(Density), Density, "Density must be in (0, 1]");
        if (!double.IsFinite(Lambda)) throw new ArgumentOutOfRangeException(nameof(Lambda), Lambda, "Lambda must be finite");
    }
}
