using System.Runtime.CompilerServices;

namespace MLNetTemporal.Runtime;

internal static class LibraryModuleInitializer
{
    // A library module initializer is deliberate here: the native fix must precede TorchSharp's static
    // constructor, and this is the only hook that runs before any caller can reach a tensor through us.
#pragma warning disable CA2255
    [ModuleInitializer]
    internal static void Initialize() => TorchNativeLoader.EnsureLoaded();
#pragma warning restore CA2255
}
