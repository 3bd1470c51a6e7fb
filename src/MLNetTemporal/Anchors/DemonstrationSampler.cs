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
        var random = new Random(seed);
        var shuffled = rows.OrderBy(_ => random.Next()).ToList();
        var chosen = new List<Demonstration>();
        for (int c = 0; c < classes.Count; c++)
        {
            var ofClass = shuffled.Where(r => r.Class == c).Take(perClass).ToList();
            if (ofClass.Count < perClass)
                throw new ArgumentException($"class '{classes[c]}' has {shuffled.Count(r => r.Class == c)} examples, fewer than the {perClass} that {optionName} asks for");
            chosen.AddRange(ofClass);
        }
        var set = chosen.ToHashSet(ReferenceEqualityComparer.Instance);
        return (chosen.OrderBy(_ => random.Next()).ToList(), shuffled.Where(r => !set.Contains(r)).ToList());
    }
}
