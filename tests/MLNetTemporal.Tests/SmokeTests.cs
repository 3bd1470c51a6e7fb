using System.Runtime.CompilerServices;
using Xunit;
using static TorchSharp.torch;
static class Init { [ModuleInitializer] internal static void Go() => MLNetTemporal.Runtime.TorchNativeLoader.EnsureLoaded(); }
public class SmokeTests { [Fact] public void Torch() { var t = ones(3); Assert.Equal(3f, t.sum().item<float>()); Assert.NotNull(MLNetTemporal.Runtime.TorchNativeLoader.PatchedLibraryPath); } }
