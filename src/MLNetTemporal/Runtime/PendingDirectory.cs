namespace MLNetTemporal.Runtime;

/// <summary>
/// A folder being built in a temporary sibling of its target, for work that spans many calls (a study writing
/// its report as it goes). <see cref="Commit"/> renames it into place, replacing an older folder only then;
/// disposing without committing deletes it, so an interrupted run never leaves a folder that looks complete.
/// </summary>
public sealed class PendingDirectory : IDisposable
{
    private bool _done;

    private PendingDirectory(string target, string temp)
    {
        TargetPath = target;
        Path = temp;
    }

    public string TargetPath { get; }

    /// <summary>The temporary folder to write into.</summary>
    public string Path { get; }

    public static PendingDirectory Create(string path)
    {
        var full = System.IO.Path.GetFullPath(path.TrimEnd(System.IO.Path.DirectorySeparatorChar));
        var parent = System.IO.Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        var temp = System.IO.Path.Combine(parent, $".{System.IO.Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(temp);
        return new PendingDirectory(full, temp);
    }

    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_done, this);
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

    public void Dispose()
    {
        if (_done) return;
        _done = true;
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
