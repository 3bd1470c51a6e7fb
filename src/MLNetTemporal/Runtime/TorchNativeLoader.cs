using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using TorchSharp;

namespace MLNetTemporal.Runtime;

/// <summary>
/// Makes TorchSharp's native layer load on systems whose libstdc++ is older than the one it was built against.
/// </summary>
/// <remarks>
/// TorchSharp 0.107's <c>libLibTorchSharp.so</c> lists <c>GLIBCXX_3.4.32</c> (GCC 13) as a needed version, yet binds
/// no relocation to it, so GCC 12 systems (Debian 12) refuse a library that would run fine. The fix is a fallback
/// on <see cref="AssemblyLoadContext.ResolvingUnmanagedDll"/>, which the runtime consults only after a DllImport
/// resolver the host set and its own probing have both failed. When the original fails for exactly that reason, a
/// private copy with the missing libstdc++ versions marked weak is written to a cache folder and handed to
/// TorchSharp. The NuGet cache, the build output and system files are never modified, nothing happens where the
/// original loads, and TorchSharp's DllImport resolver stays free for the host.
/// </remarks>
public static partial class TorchNativeLoader
{
    private const string LibraryName = "LibTorchSharp";
    private const string LibraryFile = "libLibTorchSharp.so";
    private static readonly Lock Gate = new();
    private static bool _fallbackTried;
    private static IntPtr _fallbackHandle;
    private static Exception? _failure;
    private static bool _probed;

    /// <summary>The patched copy in use, or null when the original library loads as it is (or the host loads it).</summary>
    public static string? PatchedLibraryPath { get; private set; }

    /// <summary>Subscribes the fallback; called once, by the module initializer.</summary>
    internal static void Install()
    {
        if (!OperatingSystem.IsLinux()) return;
        var context = AssemblyLoadContext.GetLoadContext(typeof(TorchNativeLoader).Assembly) ?? AssemblyLoadContext.Default;
        context.ResolvingUnmanagedDll += Resolve;
    }

    /// <summary>
    /// Loads TorchSharp's native library the way the process is set up to (the host's resolver, default probing,
    /// then the patched copy), so that a failure of the patch surfaces here, with its reason, rather than as
    /// TorchSharp's generic "not found". Other failures are left to TorchSharp, which reports what it could not find.
    /// The library's own entry points call this; call it first if your code touches <c>torch</c> before them.
    /// </summary>
    /// <exception cref="DllNotFoundException">The library needs the patched copy and it could not be made.</exception>
    public static void EnsureLoaded()
    {
        if (!OperatingSystem.IsLinux()) return;
        if (!Volatile.Read(ref _probed))
        {
            NativeLibrary.TryLoad(LibraryName, typeof(torch).Assembly, null, out _);
            Volatile.Write(ref _probed, true);
        }
        var failure = Volatile.Read(ref _failure);
        if (failure is not null) throw new DllNotFoundException(failure.Message, failure);
    }

    // Never throws: an exception here would stop later handlers (perhaps the host's) from being asked. The reason
    // is kept for EnsureLoaded instead.
    private static IntPtr Resolve(Assembly assembly, string name)
    {
        if (name is not (LibraryName or LibraryFile) || assembly != typeof(torch).Assembly) return IntPtr.Zero;
        lock (Gate)
        {
            if (_fallbackTried) return _fallbackHandle;
            _fallbackTried = true;
            try
            {
                _fallbackHandle = LoadPatchedCopy();
            }
            catch (Exception e)
            {
                Volatile.Write(ref _failure, e);
            }
            return _fallbackHandle;
        }
    }

    /// <summary>The patched copy's handle, or zero where the original fails for a reason a patch does not fix.</summary>
    private static IntPtr LoadPatchedCopy()
    {
        var original = FindOriginal();
        if (original is null) return IntPtr.Zero;

        string failure;
        try
        {
            // It loads from where we found it: the runtime looked elsewhere, which is not ours to override.
            NativeLibrary.Free(NativeLibrary.Load(original));
            return IntPtr.Zero;
        }
        catch (DllNotFoundException e)
        {
            failure = e.Message;
        }

        var missing = MissingLibstdcxxVersions().Matches(failure).Select(m => m.Groups[1].Value).ToHashSet();
        if (missing.Count == 0) return IntPtr.Zero;

        string patched;
        try
        {
            patched = WritePatchedCopy(original, missing);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DllNotFoundException(
                $"{original} needs {string.Join(", ", missing)}, which this system's libstdc++ lacks, and the patched copy could not be written under {CacheFolders.Root()} ({e.Message}); set MLNET_TEMPORAL_CACHE to a writable folder.", e);
        }
        var torchLib = Path.Combine(Path.GetDirectoryName(original)!, "libtorch.so");
        if (File.Exists(torchLib)) NativeLibrary.Load(torchLib); // resolves the copy's NEEDED entries by soname
        var handle = NativeLibrary.Load(patched);
        PatchedLibraryPath = patched;
        return handle;
    }

    private static string? FindOriginal()
    {
        var roots = new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(torch).Assembly.Location) ?? "" }
            .Where(r => r.Length > 0).Distinct();
        return roots
            .SelectMany(r => new[] { r, Path.Combine(r, "runtimes", "linux-x64", "native"), Path.Combine(r, "cpu") })
            .Select(d => Path.Combine(d, LibraryFile))
            .FirstOrDefault(File.Exists);
    }

    private static string WritePatchedCopy(string original, IReadOnlySet<string> missing)
    {
        var bytes = File.ReadAllBytes(original);
        var key = Convert.ToHexString(SHA256.HashData(bytes))[..16] + "-" + string.Join("+", missing.Order());
        var folder = Path.Combine(CacheFolders.Root(), "native", key);
        var target = Path.Combine(folder, LibraryFile);
        if (File.Exists(target)) return target;

        var unweakened = ElfVersionPatcher.ReadNeededVersions(bytes)
            .Where(v => missing.Contains(v.Name) && !v.File.StartsWith("libstdc++", StringComparison.Ordinal))
            .Select(v => v.Name).ToList();
        if (unweakened.Count > 0)
            throw new DllNotFoundException($"{original} needs {string.Join(", ", unweakened)} from a library other than libstdc++; it cannot be relaxed safely.");
        if (ElfVersionPatcher.MarkWeak(bytes, missing) == 0)
            throw new DllNotFoundException($"{original}: the missing versions {string.Join(", ", missing)} are not in its version-needed table.");

        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{LibraryFile}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, target, overwrite: true);
        return target;
    }

    [GeneratedRegex(@"version [`'](GLIBCXX_[0-9.]+|CXXABI_[0-9.]+)' not found")]
    private static partial Regex MissingLibstdcxxVersions();
}
