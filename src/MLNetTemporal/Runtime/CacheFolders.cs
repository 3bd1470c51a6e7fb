namespace MLNetTemporal.Runtime;

/// <summary>Where the library and its tools keep files between runs.</summary>
public static class CacheFolders
{
    /// <summary>Root of the per-user cache: <c>MLNET_TEMPORAL_CACHE</c>, else <c>$XDG_CACHE_HOME/mlnet-temporal</c>, else <c>~/.cache/mlnet-temporal</c>.</summary>
    public static string Root()
    {
        var explicitRoot = Environment.GetEnvironmentVariable("MLNET_TEMPORAL_CACHE");
        if (!string.IsNullOrEmpty(explicitRoot)) return explicitRoot;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "mlnet-temporal");
    }
}
