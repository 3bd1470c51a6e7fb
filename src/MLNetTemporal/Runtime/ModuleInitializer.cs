using System.Runtime.CompilerServices;

namespace MLNetTemporal.Runtime;

internal static class LibraryModuleInitializer
{
    // The native fix must be in place before TorchSharp first loads its library, and a module initializer is the one
    // hook that runs before any caller can reach a tensor through us. It only subscribes a fallback (no I/O, nothing
    // that can throw), so loading this assembly never fails and never claims TorchSharp's DllImport resolver.
#pragma warning disable CA2255
    [ModuleInitializer]
    internal static void Initialize() => TorchNativeLoader.Install();
#pragma warning restore CA2255
}
