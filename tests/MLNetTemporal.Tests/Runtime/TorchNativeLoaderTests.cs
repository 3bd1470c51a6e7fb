using FluentAssertions;
using MLNetTemporal.Runtime;
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
}
