namespace MLNetTemporal.Tests.TestSupport;

/// <summary>A fresh folder under the system temp directory, deleted with everything in it on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("mlnet-temporal-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Every entry left in the folder, temporary ones included.</summary>
    public string[] Entries => [.. Directory.EnumerateFileSystemEntries(Path).Select(System.IO.Path.GetFileName).Order()!];

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
