using System.Text.RegularExpressions;

namespace MLNetTemporal.Tests.Architecture;

/// <summary>A C# source file of a library project: the folder it lives in and the namespace it declares.</summary>
public sealed record SourceFile(string Path, string Project, string Folder, string? Namespace, string Text)
{
    public string Unit => $"{Project}/{Folder}";
}

/// <summary>
/// Which folders a source file depends on, read from the text: <c>using</c> directives, fully qualified names
/// (code, XML doc references and all), and names qualified from a parent namespace such as <c>Data.Period</c> that
/// C# resolves without a using. Reading text rather than compiled metadata also sees what only documentation or
/// a method body mentions, which reflection over signatures would miss.
/// </summary>
public static partial class SourceDependencies
{
    public const string Root = "MLNetTemporal";

    /// <summary>Every .cs file of the project folder, with its top-level folder ("" for files at the project root).</summary>
    public static IReadOnlyList<SourceFile> Read(string projectFolder)
    {
        var project = System.IO.Path.GetFileName(projectFolder);
        return Directory.EnumerateFiles(projectFolder, "*.cs", SearchOption.AllDirectories)
            .Select(path => (path, relative: System.IO.Path.GetRelativePath(projectFolder, path).Replace('\\', '/')))
            .Where(f => !f.relative.StartsWith("obj/", StringComparison.Ordinal) && !f.relative.StartsWith("bin/", StringComparison.Ordinal))
            .Select(f =>
            {
                var text = File.ReadAllText(f.path);
                var folder = f.relative.Contains('/') ? f.relative[..f.relative.IndexOf('/')] : "";
                return new SourceFile(f.relative, project, folder, NamespaceDeclaration().Match(text) is { Success: true } m ? m.Groups[1].Value : null, text);
            })
            .ToList();
    }

    /// <summary>The namespaces (of this solution) a file refers to, each with the line that shows it.</summary>
    public static IEnumerable<(string Namespace, string Evidence)> Referenced(SourceFile file, IReadOnlyDictionary<string, IReadOnlySet<string>> typesByNamespace)
    {
        foreach (var line in file.Text.Split('\n'))
        {
            if (NamespaceDeclaration().IsMatch(line)) continue;
            foreach (Match m in QualifiedName().Matches(line))
            {
                // The longest known namespace that prefixes the qualified name is the one meant.
                var ns = Longest(m.Value, typesByNamespace.Keys);
                if (ns is not null) yield return (ns, line.Trim());
            }
            if (file.Namespace is null) continue;
            foreach (Match m in PartlyQualifiedName().Matches(line))
            {
                // "Data.Period" inside MLNetTemporal.X resolves to MLNetTemporal.Data.Period when that type exists.
                var candidate = $"{Root}.{m.Groups[1].Value}";
                if (typesByNamespace.TryGetValue(candidate, out var types) && types.Contains(m.Groups[2].Value)
                    && !DeclaresOrSees(file, m.Groups[1].Value))
                    yield return (candidate, line.Trim());
            }
        }
    }

    /// <summary>Type names declared per namespace across the given files.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> TypesByNamespace(IEnumerable<SourceFile> files) =>
        files.Where(f => f.Namespace is not null).GroupBy(f => f.Namespace!)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.SelectMany(f => TypeDeclaration().Matches(f.Text).Select(m => m.Groups[1].Value)).ToHashSet());

    private static string? Longest(string qualified, IEnumerable<string> namespaces) =>
        namespaces.Where(ns => qualified == ns || qualified.StartsWith(ns + ".", StringComparison.Ordinal)).MaxBy(ns => ns.Length);

    // A member or local called like the folder ("options.Data", "var Training = ...") is not a namespace reference.
    private static bool DeclaresOrSees(SourceFile file, string name) =>
        Regex.IsMatch(file.Text, $@"\b(?:[\w<>\[\]?,]+)\s+{name}\s*(?:[{{;=)(,]|=>)");

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)\s*[;{]?", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"(?<![\w.])MLNetTemporal(?:\.\w+)+")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"(?<![\w.])([A-Z]\w*)\.([A-Z]\w*)")]
    private static partial Regex PartlyQualifiedName();

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(\w+)")]
    private static partial Regex TypeDeclaration();
}
