using System.Globalization;

namespace MLNetTemporal.Probing;

/// <summary>Parses a layer list: "all", "3", "0,2,5", "1-4", "-1" (the last block), or combinations "0,2-3".</summary>
public static class LayerSelection
{
    /// <summary>The 0-based block indices, in order without repeats; an index out of range names the option.</summary>
    public static int[] Parse(string? text, int layerCount, string optionName = "Layers")
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
            return Enumerable.Range(0, layerCount).ToArray();
        var result = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = part.IndexOf('-', 1);
            var (from, to) = dash > 0 ? (Index(part[..dash]), Index(part[(dash + 1)..])) : (Index(part), Index(part));
            if (to < from) throw new ArgumentException($"{optionName}: range '{part}' runs backwards");
            for (int i = from; i <= to; i++) if (!result.Contains(i)) result.Add(i);
        }
        if (result.Count == 0) throw new ArgumentException($"{optionName}: '{text}' selects no layer");
        return [.. result];

        int Index(string s)
        {
            if (!int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
                throw new ArgumentException($"{optionName}: '{s}' is not a layer index (use all, N, N-M or a comma list)");
            var resolved = i < 0 ? layerCount + i : i;
            if (resolved < 0 || resolved >= layerCount)
                throw new ArgumentOutOfRangeException(optionName, i, $"{optionName}: layer {i} is out of range; the model has {layerCount} blocks (0..{layerCount - 1})");
            return resolved;
        }
    }
}
