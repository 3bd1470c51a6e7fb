namespace MLNetTemporal.Runtime;

/// <summary>
/// Writes files so that a reader never sees a half-written one: content goes to a temporary file beside the
/// target, which replaces the target only once complete. A failed write leaves the previous file untouched.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes through <paramref name="write"/> into a temporary sibling, then moves it over <paramref name="path"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        using var pending = PendingFile.Create(path);
        write(pending.Stream);
        pending.Commit();
    }

    public static void WriteAllText(string path, string text) =>
        Write(path, s => { using var w = new StreamWriter(s, leaveOpen: true); w.Write(text); });

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(path, s => s.Write(copy));
    }

    /// <summary>
    /// Builds a whole folder (a checkpoint, a report) in a temporary sibling and renames it into place, so an
    /// interrupted save never leaves a folder that looks complete. An existing folder is replaced only on success.
    /// </summary>
    public static void WriteDirectory(string path, Action<string> build)
    {
        using var pending = PendingDirectory.Create(path);
        build(pending.Path);
        pending.Commit();
    }
}
