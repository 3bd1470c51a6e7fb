using System.Runtime.CompilerServices;
using Xunit;

namespace MLNetTemporal.Tests.TestSupport;

/// <summary>Locates the external oracles in <c>../shared/fixtures</c> beside the checkout.</summary>
public static class Fixtures
{
    public static string? Root { get; } = Find();

    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([Root ?? throw new InvalidOperationException("fixtures absent"), .. parts]);

    private static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("MLNET_TEMPORAL_FIXTURES");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "fixtures");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}

/// <summary>A fact that needs <c>../shared/fixtures/&lt;folder&gt;</c>; skipped with a message where it is absent.</summary>
public sealed class FixtureFactAttribute : FactAttribute
{
    public FixtureFactAttribute(string folder)
    {
        if (Fixtures.Root is null || !Directory.Exists(System.IO.Path.Combine(Fixtures.Root, folder)))
            Skip = $"external fixture '{folder}' not found: expected ../shared/fixtures/{folder} beside the checkout (or MLNET_TEMPORAL_FIXTURES)";
    }
}

internal static class TestAssemblyInitializer
{
    // Tests may touch TorchSharp before any library type; the native fix must come first.
#pragma warning disable CA2255
    [ModuleInitializer]
    internal static void Initialize() => MLNetTemporal.Runtime.TorchNativeLoader.EnsureLoaded();
#pragma warning restore CA2255
}

/// <summary>A theory that needs <c>../shared/fixtures/&lt;folder&gt;</c>; skipped with a message where it is absent.</summary>
public sealed class FixtureTheoryAttribute : TheoryAttribute
{
    public FixtureTheoryAttribute(string folder)
    {
        if (Fixtures.Root is null || !Directory.Exists(System.IO.Path.Combine(Fixtures.Root, folder)))
            Skip = $"external fixture '{folder}' not found: expected ../shared/fixtures/{folder} beside the checkout (or MLNET_TEMPORAL_FIXTURES)";
    }
}
