namespace MLNetTemporal.Data;

/// <summary>
/// The one held-out split of studies, CLI verbs and samples: within a group of rows (a period, a month of the
/// generated corpus, a verb's selection), in the order given, every tenth row is held out. It is fixed rather than
/// drawn so that runs, and the figures in the docs, are comparable; splitting within each group keeps every period's
/// held-out share the same whatever the other periods hold.
/// </summary>
public static class HeldOutSplit
{
    /// <summary>One row in this many is held out.</summary>
    public const int Every = 10;

    /// <summary>
    /// The 10th, 20th, ... rows of the group are held out. A group of 2 to 9 rows holds out its last row, so that a
    /// small selection still has one to evaluate on; a single row is kept for training.
    /// </summary>
    public static (List<T> Train, List<T> HeldOut) Split<T>(IReadOnlyList<T> group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var train = new List<T>();
        var heldOut = new List<T>();
        for (int i = 0; i < group.Count; i++)
        {
            bool held = i % Every == Every - 1 || (group.Count is > 1 and < Every && i == group.Count - 1);
            (held ? heldOut : train).Add(group[i]);
        }
        return (train, heldOut);
    }
}
