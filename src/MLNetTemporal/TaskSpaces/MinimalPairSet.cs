namespace MLNetTemporal.TaskSpaces;

/// <summary>Minimal pairs grouped by task, tasks in order of first appearance.</summary>
public sealed class MinimalPairSet
{
    private readonly Dictionary<string, List<MinimalPair>> _byTask = new(StringComparer.Ordinal);
    private readonly List<string> _tasks = [];

    public MinimalPairSet(IEnumerable<MinimalPair> pairs)
    {
        foreach (var pair in pairs)
        {
            if (!_byTask.TryGetValue(pair.Task, out var list))
            {
                _byTask[pair.Task] = list = [];
                _tasks.Add(pair.Task);
            }
            list.Add(pair);
        }
        if (_tasks.Count == 0) throw new ArgumentException("the minimal-pair set is empty", nameof(pairs));
    }

    /// <summary>Task names in order of first appearance.</summary>
    public IReadOnlyList<string> Tasks => _tasks;

    public int Count => _byTask.Values.Sum(l => l.Count);

    public IReadOnlyList<MinimalPair> this[string task] =>
        _byTask.TryGetValue(task, out var list) ? list : throw UnknownTask(task);

    public IEnumerable<MinimalPair> All => _tasks.SelectMany(t => _byTask[t]);

    /// <summary>The task's phenomenon family (<c>linguistics_term</c>) or field, from its first pair.</summary>
    public string GroupOf(string task, TaskGrouping grouping) => grouping switch
    {
        TaskGrouping.Field => this[task][0].Field ?? throw new InvalidOperationException($"task '{task}' has no field; group by linguistics_term instead"),
        _ => this[task][0].Term,
    };

    /// <summary>The named tasks only, in the order given; an unknown name is an error that lists the known ones.</summary>
    public MinimalPairSet Select(IReadOnlyList<string> tasks)
    {
        if (tasks.Count == 0) throw new ArgumentException("no task selected", nameof(tasks));
        var duplicate = tasks.GroupBy(t => t).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"task '{duplicate.Key}' is selected twice", nameof(tasks));
        foreach (var task in tasks) _ = this[task];
        return new MinimalPairSet(tasks.SelectMany(t => _byTask[t]));
    }

    /// <summary>
    /// Splits every task's pairs into a training part (used by FTGD and the gradient probes) and a held-out part
    /// (used for scores), seeded, so that a task's gain is not memorisation of the pairs trained on.
    /// </summary>
    public (MinimalPairSet Train, MinimalPairSet HeldOut) Split(double heldOutFraction, int seed)
    {
        if (heldOutFraction is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(heldOutFraction), heldOutFraction, "HeldOutFraction must be in (0, 1)");
        var train = new List<MinimalPair>();
        var heldOut = new List<MinimalPair>();
        foreach (var task in _tasks)
        {
            var pairs = _byTask[task].ToArray();
            if (pairs.Length < 2) throw new ArgumentException($"task '{task}' has {pairs.Length} pair; splitting into training and held-out pairs needs at least 2");
            new Random(unchecked(seed * 31 + StableHash(task)) & int.MaxValue).Shuffle(pairs);
            int held = Math.Clamp((int)Math.Round(heldOutFraction * pairs.Length), 1, pairs.Length - 1);
            heldOut.AddRange(pairs[..held]);
            train.AddRange(pairs[held..]);
        }
        return (new MinimalPairSet(train), new MinimalPairSet(heldOut));
    }

    private KeyNotFoundException UnknownTask(string task) =>
        new($"unknown task '{task}'; the pairs have {_tasks.Count} tasks: {string.Join(", ", _tasks)}");

    // string.GetHashCode and HashCode.Combine are randomised per process; splits must be the same in every run.
    private static int StableHash(string s)
    {
        unchecked
        {
            int h = (int)2166136261;
            foreach (var c in s) h = (h ^ c) * 16777619;
            return h;
        }
    }
}

/// <summary>Which label of the data groups tasks into families when testing whether the task space follows them.</summary>
public enum TaskGrouping
{
    /// <summary>BLiMP's <c>linguistics_term</c> (e.g. subject_verb_agreement).</summary>
    LinguisticsTerm,
    /// <summary>BLiMP's <c>field</c> (morphology, syntax, semantics, ...).</summary>
    Field,
}
