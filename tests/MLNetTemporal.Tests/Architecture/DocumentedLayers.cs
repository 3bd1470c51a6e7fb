namespace MLNetTemporal.Tests.Architecture;

/// <summary>One row of README's Layout table: an assembly's folder and the layer it sits in.</summary>
public sealed record LayerEntry(string Project, int Layer, string Folder)
{
    public string Unit => $"{Project}/{Folder}";
}

/// <summary>
/// The layering as README documents it, read from the README itself so that the picture users see and the rule the
/// tests enforce cannot drift apart. Rows look like <c>| MLNetTemporal | 3 | `Training`, `WeightSpace` | ... |</c>.
/// </summary>
public static class DocumentedLayers
{
    public static IReadOnlyList<LayerEntry> Read(string readmePath)
    {
        var lines = File.ReadAllLines(readmePath);
        int start = Array.FindIndex(lines, l => l.Trim() == "## Layout");
        if (start < 0) throw new InvalidDataException($"{readmePath}: no '## Layout' section");
        var entries = new List<LayerEntry>();
        foreach (var line in lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length < 5 || !int.TryParse(cells[2], out var layer)) continue;
            foreach (var folder in cells[3].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                entries.Add(new LayerEntry(cells[1].Trim('`'), layer, folder.Trim('`')));
        }
        if (entries.Count == 0) throw new InvalidDataException($"{readmePath}: the Layout section has no layer table");
        return entries;
    }
}
