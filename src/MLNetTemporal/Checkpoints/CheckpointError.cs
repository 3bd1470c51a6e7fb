namespace MLNetTemporal.Checkpoints;

/// <summary>
/// Builds the <see cref="InvalidDataException"/> (a sealed type, so no subclass) thrown for malformed files, with a
/// message that names the file and, where one is at fault, the tensor.
/// </summary>
internal static class CheckpointError
{
    public static InvalidDataException Format(string path, string? tensorName, string problem, Exception? inner = null) =>
        new(tensorName is null ? $"{path}: {problem}" : $"{path}: tensor '{tensorName}': {problem}", inner);
}
