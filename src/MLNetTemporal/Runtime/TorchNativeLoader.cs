using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using TorchSharp;

namespace MLNetTemporal.Runtime;

/// <summary>
/// Makes TorchSharp's native layer load on systems whose libstdc++ is older than the one it was built against.
/// </summary>
/// <remarks>
/// TorchSharp 0.107's <c>libLibTorchSharp.so</c> lists <c>GLIBCXX_3.4.32</c> (GCC 13) as a needed version, yet binds
/// no relocation to it, so GCC 12 systems (Debian 12) refuse a library that would run fine. When loading fails for
/// exactly that reason, a private copy with the missing libstdc++ versions marked weak is written to a cache folder
/// and handed to TorchSharp through a DllImport resolver. The NuGet cache, the build output and system files are
/// never modified, and nothing happens where the original loads.
/// </remarks>
public static partial class TorchNativeLoader
{
    private const string LibraryFile = "libLibTorchSharp.so";
    private static readonly Lock Gate = new();
    private static bool _done;

    /// <summary>The patched copy in use, or null when the original library loads as it is.</summary>
    public static string? PatchedLibraryPath { get; private set; }

    /// <summary>Idempotent; must run before TorchSharp's first tensor operation.</summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_done) return;
            _done = true;
            if (!OperatingSystem.IsLinux()) return;
            var original = FindOriginal();
            if (original is null) return; // TorchSharp will report what it could not find.

            string failure;
            try
            {
                NativeLibrary.Free(NativeLibrary.Load(original));
                return;
            }
            catch (DllNotFoundException e)
            {
                failure = e.Message;
            }

            var missing = MissingLibstdcxxVersions().Matches(failure).Select(m => m.Groups[1].Value).ToHashSet();
            if (missing.Count == 0) return;

            var patched = WritePatchedCopy(original, missing);
            var torchLib = Path.Combine(Path.GetDirectoryName(original)!, "libtorch.so");
            if (File.Exists(torchLib)) NativeLibrary.Load(torchLib); // resolves the copy's NEEDED entries by soname
            var handle = NativeLibrary.Load(patched);
            NativeLibrary.SetDllImportResolver(typeof(torch).Assembly,
                (name, _, _) => name is "LibTorchSharp" or LibraryFile ? handle : IntPtr.Zero);
            PatchedLibraryPath = patched;
        }
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
        var folder = Path.Combine(CacheRoot(), "native", key);
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

    /// <summary>Root of the per-user cache: <c>MLNET_TEMPORAL_CACHE</c>, else <c>$XDG_CACHE_HOME/mlnet-temporal</c>, else <c>~/.cache/mlnet-temporal</c>.</summary>
    public static string CacheRoot()
    {
        var explicitRoot = Environment.GetEnvironmentVariable("MLNET_TEMPORAL_CACHE");
        if (!string.IsNullOrEmpty(explicitRoot)) return explicitRoot;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "mlnet-temporal");
    }

    [GeneratedRegex(@"version [`'](GLIBCXX_[0-9.]+|CXXABI_[0-9.]+)' not found")]
    private static partial Regex MissingLibstdcxxVersions();
}
