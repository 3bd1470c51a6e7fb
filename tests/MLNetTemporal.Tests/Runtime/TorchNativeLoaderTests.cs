using FluentAssertions;
using MLNetTemporal.Runtime;
using MLNetTemporal.Tests.TestSupport;
using Xunit;
using static TorchSharp.torch;

namespace MLNetTemporal.Tests.Runtime;

public class TorchNativeLoaderTests
{
    [Fact]
    public void TorchRunsAfterTheLoaderHasRun()
    {
        TorchNativeLoader.EnsureLoaded();
        using var t = arange(4, dtype: ScalarType.Float32);
        t.sum().item<float>().Should().Be(6f);
    }

    [Fact]
    public void PatchedCopyMarksOnlyTheMissingVersionWeak()
    {
        TorchNativeLoader.EnsureLoaded();
        if (TorchNativeLoader.PatchedLibraryPath is null) return; // this system's libstdc++ is new enough
        var original = Directory.EnumerateFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories).First();
        var before = ElfVersionPatcher.ReadNeededVersions(File.ReadAllBytes(original));
        var after = ElfVersionPatcher.ReadNeededVersions(File.ReadAllBytes(TorchNativeLoader.PatchedLibraryPath));
        after.Should().HaveCount(before.Count);
        var changed = before.Zip(after).Where(p => p.First.Flags != p.Second.Flags).ToList();
        changed.Should().ContainSingle().Which.Second.Name.Should().Be("GLIBCXX_3.4.32");
        changed[0].Second.Flags.Should().Be((ushort)(changed[0].First.Flags | 2));
        File.ReadAllBytes(original).Length.Should().Be(File.ReadAllBytes(TorchNativeLoader.PatchedLibraryPath).Length);
    }

    /// <summary>
    /// A host's DllImport resolver for TorchSharp, set before the library loads or after it has loaded torch, stays in
    /// charge: loading the library throws nothing, claims no resolver slot, and torch still works through the library
    /// (through the patched copy where this system needs it).
    /// </summary>
    [Theory]
    [InlineData("before")]
    [InlineData("after")]
    public void AResolverTheHostSetsIsLeftInCharge(string when)
    {
        HostProcess.Run(["native-resolver", when]).Should().Contain("sum 6");
    }

    /// <summary>
    /// Where the patched copy is needed but cannot be written, the library still loads, and its first use of torch
    /// fails with the reason and the way out.
    /// </summary>
    [Fact]
    public void AFailedPatchSurfacesAtFirstUseWithItsReason()
    {
        TorchNativeLoader.EnsureLoaded();
        using var folder = new TempFolder();
        var file = folder.File("not-a-folder");
        File.WriteAllText(file, "");
        var output = HostProcess.Run(["native-first-use"], new Dictionary<string, string> { ["MLNET_TEMPORAL_CACHE"] = file });
        if (TorchNativeLoader.PatchedLibraryPath is null) output.Should().Contain("sum 6");
        else output.Should().Contain("failed:").And.Contain("GLIBCXX_3.4.32").And.Contain("MLNET_TEMPORAL_CACHE");
    }
}
