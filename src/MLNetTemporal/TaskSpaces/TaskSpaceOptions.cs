namespace MLNetTemporal.TaskSpaces;

/// <summary>Which similarity probes build the task space.</summary>
[Flags]
public enum TaskSpaceMethod
{
    /// <summary>FTGD on each task, score change on every task normalised by the trained task's own gain.</summary>
    Transfer = 1,
    /// <summary>Cosine of mean gradient differentials and overlap of their top-k masks (no training: fast).</summary>
    Gradient = 2,
    Both = Transfer | Gradient,
}

/// <summary>Settings of a task-space study (<see cref="TaskSpaceStudy"/>); each design choice the paper leaves open is one of these.</summary>
public sealed class TaskSpaceOptions
{
    /// <summary>FTGD and baseline fine-tuning settings (steps, learning rate, top-k fraction, mask schedule).</summary>
    public FtgdOptions Ftgd { get; set; } = new();

    public TaskSpaceMethod Method { get; set; } = TaskSpaceMethod.Both;

    /// <summary>
    /// Share of each task's pairs held out for scoring; the rest are trained on and give the gradient differentials.
    /// Scores on held-out pairs measure learning the phenomenon, not the sentences.
    /// </summary>
    public double HeldOutFraction { get; set; } = 0.5;

    /// <summary>Seeds the train/held-out split and the permutation test (training has its own seed in <see cref="Ftgd"/>).</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Summed (BLiMP) or per-token log-probabilities in task scores.</summary>
    public ScoreNormalization Normalization { get; set; } = ScoreNormalization.Sum;

    /// <summary>
    /// The score whose change defines gain and transfer. Margin by default: with a few dozen held-out pairs accuracy
    /// moves in coarse steps and cannot rise on a task already at 100%, which would leave rows of the matrix undefined.
    /// </summary>
    public ScoreMeasure TransferMeasure { get; set; } = ScoreMeasure.Margin;

    /// <summary>A trained task whose own gain is below this has no transfer row (NaN): dividing by ~0 means nothing.</summary>
    public double MinimumGain { get; set; } = 1e-6;

    /// <summary>Also fine-tune every parameter on each task's good sentences (same steps) to compare gain and perplexity rise with FTGD.</summary>
    public bool CompareWithPlainFineTuning { get; set; } = true;

    public Linkage Linkage { get; set; } = Linkage.Average;

    /// <summary>The labels the grouping test compares the task space with.</summary>
    public TaskGrouping Grouping { get; set; } = TaskGrouping.LinguisticsTerm;

    /// <summary>Label permutations of the grouping test.</summary>
    public int Permutations { get; set; } = 2000;

    /// <summary>Sentences per forward pass when scoring.</summary>
    public int ScoringBatchSize { get; set; } = 32;

    /// <summary>Tokens per block when measuring general perplexity.</summary>
    public int PerplexityBlockSize { get; set; } = 64;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Ftgd, nameof(Ftgd));
        Ftgd.ValidateForPairs();
        if ((Method & TaskSpaceMethod.Both) == 0) throw new ArgumentOutOfRangeException(nameof(Method), Method, "Method must be Transfer, Gradient or Both");
        if (HeldOutFraction is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(HeldOutFraction), HeldOutFraction, "HeldOutFraction must be in (0, 1)");
        if (MinimumGain < 0) throw new ArgumentOutOfRangeException(nameof(MinimumGain), MinimumGain, "MinimumGain must be non-negative");
        if (Permutations < 0) throw new ArgumentOutOfRangeException(nameof(Permutations), Permutations, "Permutations must be non-negative");
        if (ScoringBatchSize < 1) throw new ArgumentOutOfRangeException(nameof(ScoringBatchSize), ScoringBatchSize, "ScoringBatchSize must be positive");
        if (PerplexityBlockSize < 2) throw new ArgumentOutOfRangeException(nameof(PerplexityBlockSize), PerplexityBlockSize, "PerplexityBlockSize must be at least 2");
    }
}
