namespace MLNetTemporal.Runtime;

/// <summary>
/// A folder being built in a temporary sibling of its target, for work that spans many calls (a study writing
/// its report as it goes). <see cref="Commit"/> renames it into place, replacing an older folder only then;
/// disposing without committing deletes it, so an interrupted run never leaves a folder that looks complete.
/// Only a folder this library wrote (it carries <see cref="MarkerFile"/>) or an empty one is ever replaced: a user's
/// folder given as the output (say the current folder, holding the run's own data) is refused before and after the
/// work, never deleted.
/// </summary>
public sealed class PendingDirectory : IDisposable
{
    private bool _done;

    private PendingDirectory(string target, string temp)
    {
        TargetPath = target;
        Path = temp;
    }

    /// <summary>Written into every committed folder; its presence is what allows a later run to replace the folder.</summary>
    public const string MarkerFile = ".mlnet-temporal-output";

    public string TargetPath { get; }

    /// <summary>The temporary folder to write into.</summary>
    public string Path { get; }

    public static PendingDirectory Create(string path)
    {
        var full = System.IO.Path.GetFullPath(path.TrimEnd(System.IO.Path.DirectorySeparatorChar));
        var parent = System.IO.Path.GetDirectoryName(full)!;
        EnsureReplaceable(full);
        Directory.CreateDirectory(parent);
        var temp = System.IO.Path.Combine(parent, $".{System.IO.Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(temp);
        return new PendingDirectory(full, temp);
    }

    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        // Checked again: the folder may have been filled while the work ran.
        EnsureReplaceable(TargetPath);
        File.WriteAllText(System.IO.Path.Combine(Path, MarkerFile), "written by MLNetTemporal; a later run may replace this folder\n");
        if (Directory.Exists(TargetPath))
        {
            var old = Path + ".old";
            Directory.Move(TargetPath, old);
            Directory.Move(Path, TargetPath);
            Directory.Delete(old, recursive: true);
        }
        else
        {
            Directory.Move(Path, TargetPath);
        }
        _done = true;
    }

    /// <summary>Throws unless <paramref name="target"/> is absent, empty, or a folder this library wrote; callers check before long work.</summary>
    public static void EnsureReplaceable(string target)
    {
        if (File.Exists(target)) throw new IOException($"output '{target}' is a file, not a folder; choose another output folder");
        if (!Directory.Exists(target) || File.Exists(System.IO.Path.Combine(target, MarkerFile))) return;
        var entries = Directory.EnumerateFileSystemEntries(target).Select(System.IO.Path.GetFileName).Take(4).ToList();
        if (entries.Count == 0) return;
        throw new IOException($"output folder '{target}' already holds files this tool did not write ({string.Join(", ", entries.Take(3))}" +
            $"{(entries.Count > 3 ? ", ..." : "")}); nothing was replaced: choose a new or empty folder");
    }

    public void Dispose()
    {
        if (_done) return;
        _done = true;
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
