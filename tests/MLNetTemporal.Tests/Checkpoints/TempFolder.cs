namespace MLNetTemporal.Tests.Checkpoints;

/// <summary>A fresh folder under the system temp directory, deleted with everything in it on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("mlnet-ckpt-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Every file left in the folder, temporary ones included.</summary>
    public string[] Entries => [.. Directory.EnumerateFileSystemEntries(Path).Select(System.IO.Path.GetFileName).Order()!];

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
