namespace MLNetTemporal.Runtime;

/// <summary>
/// A file being written in a temporary sibling of its target, for writers that cannot finish inside one callback
/// (streamed checkpoints). <see cref="Commit"/> moves it into place; disposing without committing deletes it, so a
/// failed write never leaves a file that looks complete.
/// </summary>
public sealed class PendingFile : IDisposable
{
    private readonly string _temp;
    private FileStream? _stream;
    private bool _committed;

    private PendingFile(string target, string temp, FileStream stream)
    {
        TargetPath = target;
        _temp = temp;
        _stream = stream;
    }

    public string TargetPath { get; }

    public Stream Stream => _stream ?? throw new ObjectDisposedException(nameof(PendingFile), $"pending write of '{TargetPath}' already finished");

    public static PendingFile Create(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        return new PendingFile(full, temp, stream);
    }

    /// <summary>Flushes to disk and replaces the target.</summary>
    public void Commit()
    {
        var stream = _stream ?? throw new ObjectDisposedException(nameof(PendingFile), $"pending write of '{TargetPath}' already finished");
        stream.Flush(flushToDisk: true);
        stream.Dispose();
        _stream = null;
        File.Move(_temp, TargetPath, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
        if (!_committed) File.Delete(_temp);
    }
}
