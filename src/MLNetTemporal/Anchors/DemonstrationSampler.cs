namespace MLNetTemporal.Anchors;

/// <summary>Seeded choice of demonstrations (and of extra training examples) from labeled rows.</summary>
public static class DemonstrationSampler
{
    /// <summary>
    /// <paramref name="perClass"/> rows of every class, in a seeded shuffled order, and the rows left over. A class
    /// with too few rows is an error naming it, its count and <paramref name="optionName"/>.
    /// </summary>
    public static (IReadOnlyList<Demonstration> Chosen, IReadOnlyList<Demonstration> Remaining) Pick(
        IReadOnlyList<Demonstration> rows, IReadOnlyList<string> classes, int perClass, int seed, string optionName = "DemonstrationsPerClass")
    {
        if (perClass < 0) throw new ArgumentOutOfRangeException(optionName, perClass, $"{optionName} must not be negative");
        if (Shortage(rows, classes, perClass, optionName) is { } shortage) throw new ArgumentException(shortage);
        var random = new Random(seed);
        var shuffled = rows.OrderBy(_ => random.Next()).ToList();
        var chosen = new List<Demonstration>();
        for (int c = 0; c < classes.Count; c++) chosen.AddRange(shuffled.Where(r => r.Class == c).Take(perClass));
        var set = chosen.ToHashSet(ReferenceEqualityComparer.Instance);
        return (chosen.OrderBy(_ => random.Next()).ToList(), shuffled.Where(r => !set.Contains(r)).ToList());
    }

    /// <summary>
    /// Why <see cref="Pick"/> cannot take <paramref name="perClass"/> rows of every class (the first class short of
    /// rows, its count and <paramref name="optionName"/>), or null when it can: for callers that skip such a setting.
    /// </summary>
    public static string? Shortage(IReadOnlyList<Demonstration> rows, IReadOnlyList<string> classes, int perClass, string optionName = "DemonstrationsPerClass")
    {
        for (int c = 0; c < classes.Count; c++)
        {
            int count = rows.Count(r => r.Class == c);
            if (count < perClass) return $"class '{classes[c]}' has {count} examples, fewer than the {perClass} that {optionName} asks for";
        }
        return null;
    }
}
