using System.Xml.Linq;
using FluentAssertions;
using Xunit;

namespace MLNetTemporal.Tests.Architecture;

/// <summary>
/// The library's folders depend only on folders of lower layers, as README's Layout table states: no dependency
/// points up or sideways, so none can close a cycle. The table is read from README, so the documented picture is
/// the enforced one.
/// </summary>
public sealed class LayeringTests
{
    private static readonly string RepoRoot = FindRepoRoot();
    private static readonly string[] Projects = ["src/MLNetTemporal", "src/MLNetTemporal.Studies"];

    // MLContextExtensions sits in Microsoft.ML so that mlContext.Temporal() needs no using, as AutoML's mlContext.Auto() does.
    private static readonly HashSet<string> NamespaceExceptions = ["MLNetTemporal/Catalog/MLContextExtensions.cs"];

    private static IReadOnlyList<LayerEntry> Layers => DocumentedLayers.Read(Path.Combine(RepoRoot, "README.md"));
    private static IReadOnlyList<SourceFile> Files => Projects.SelectMany(p => SourceDependencies.Read(Path.Combine(RepoRoot, p))).ToList();

    [Fact]
    public void Every_folder_is_in_the_documented_layers_and_every_documented_folder_exists()
    {
        var documented = Layers.Select(l => l.Unit).ToHashSet();
        var present = Files.Select(f => f.Unit).ToHashSet();
        present.Except(documented).Should().BeEmpty("every folder of the libraries needs a row in README's Layout table");
        documented.Except(present).Should().BeEmpty("README's Layout table names only folders that exist");
    }

    [Fact]
    public void Namespaces_follow_folders()
    {
        var wrong = Files.Where(f => !NamespaceExceptions.Contains($"{f.Project}/{f.Path}") && f.Namespace != ExpectedNamespace(f))
            .Select(f => $"{f.Project}/{f.Path}: namespace {f.Namespace ?? "(none)"}, expected {ExpectedNamespace(f)}");
        wrong.Should().BeEmpty();
    }

    [Fact]
    public void No_dependency_points_up_or_sideways()
    {
        var files = Files;
        var violations = Violations(files, Layers);
        violations.Should().BeEmpty("a folder may use only folders of lower layers (README, Layout); all {0} found:\n{1}", violations.Count, string.Join("\n", violations));
    }

    [Fact]
    public void The_folder_graph_has_no_cycle()
    {
        var files = Files;
        var graph = Edges(files).GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToHashSet());
        FindCycle(graph).Should().BeNull();
    }

    [Fact]
    public void The_rule_catches_an_upward_a_sideways_and_a_partly_qualified_reference()
    {
        var files = Files.ToList();
        files.Add(new SourceFile("Training/Up.cs", "MLNetTemporal", "Training", "MLNetTemporal.Training",
            "namespace MLNetTemporal.Training;\n/// <see cref=\"MLNetTemporal.Catalog.TemporalCatalog\"/>\nclass Up { }"));
        files.Add(new SourceFile("Anchors/Side.cs", "MLNetTemporal", "Anchors", "MLNetTemporal.Anchors",
            "using MLNetTemporal.Probing;\nnamespace MLNetTemporal.Anchors;\nclass Side { }"));
        files.Add(new SourceFile("Text/Partly.cs", "MLNetTemporal", "Text", "MLNetTemporal.Text",
            "namespace MLNetTemporal.Text;\nclass Partly { object M() => LanguageModels.LanguageModel.Create; }"));
        Violations(files, Layers).Should().Contain(v => v.StartsWith("MLNetTemporal/Training/Up.cs"))
            .And.Contain(v => v.StartsWith("MLNetTemporal/Anchors/Side.cs"))
            .And.Contain(v => v.StartsWith("MLNetTemporal/Text/Partly.cs"));
        FindCycle(new() { ["a"] = ["b"], ["b"] = ["c"], ["c"] = ["a"] }).Should().NotBeNull();
    }

    [Fact]
    public void The_core_package_references_only_MLNet_Tokenizers_and_TorchSharp()
    {
        var core = XDocument.Load(Path.Combine(RepoRoot, "src/MLNetTemporal/MLNetTemporal.csproj"));
        core.Descendants("PackageReference").Select(p => (string?)p.Attribute("Include"))
            .Should().BeEquivalentTo("Microsoft.ML", "Microsoft.ML.Tokenizers", "TorchSharp");
        core.Descendants("ProjectReference").Should().BeEmpty();
        var studies = XDocument.Load(Path.Combine(RepoRoot, "src/MLNetTemporal.Studies/MLNetTemporal.Studies.csproj"));
        studies.Descendants("ProjectReference").Select(p => Path.GetFileName((string?)p.Attribute("Include")))
            .Should().Equal("MLNetTemporal.csproj");
    }

    private static string ExpectedNamespace(SourceFile f)
    {
        var folders = Path.GetDirectoryName(f.Path)!.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('.', [f.Project, .. folders]);
    }

    private static IEnumerable<(string From, string To, string Evidence, SourceFile File)> Edges(IReadOnlyList<SourceFile> files)
    {
        var unitOfNamespace = files.Where(f => f.Namespace is not null).GroupBy(f => f.Namespace!).ToDictionary(g => g.Key, g => g.First().Unit);
        var types = SourceDependencies.TypesByNamespace(files);
        foreach (var file in files)
            foreach (var (ns, evidence) in SourceDependencies.Referenced(file, types))
                if (unitOfNamespace.TryGetValue(ns, out var unit) && unit != file.Unit)
                    yield return (file.Unit, unit, evidence, file);
    }

    private static List<string> Violations(IReadOnlyList<SourceFile> files, IReadOnlyList<LayerEntry> layers)
    {
        var layerOf = layers.ToDictionary(l => l.Unit, l => l.Layer);
        return Edges(files)
            .Where(e => layerOf.TryGetValue(e.From, out var from) && layerOf.TryGetValue(e.To, out var to) && to >= from)
            .Select(e => $"{e.File.Project}/{e.File.Path} (layer {layerOf[e.From]}) uses {e.To} (layer {layerOf[e.To]}): {e.Evidence}")
            .Distinct().ToList();
    }

    private static string? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var state = new Dictionary<string, int>();
        var path = new Stack<string>();
        string? Visit(string node)
        {
            state[node] = 1;
            path.Push(node);
            foreach (var next in graph.GetValueOrDefault(node) ?? [])
            {
                if (state.GetValueOrDefault(next) == 1) return string.Join(" -> ", path.Reverse().SkipWhile(n => n != next).Append(next));
                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } cycle) return cycle;
            }
            path.Pop();
            state[node] = 2;
            return null;
        }
        foreach (var node in graph.Keys)
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle) return cycle;
        return null;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MLNetTemporal.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no MLNetTemporal.sln above {AppContext.BaseDirectory}");
    }
}
