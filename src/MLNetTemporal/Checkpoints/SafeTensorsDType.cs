using static TorchSharp.torch;

namespace MLNetTemporal.Checkpoints;

/// <summary>The safetensors dtype names this library reads and writes, and their TorchSharp counterparts.</summary>
internal static class SafeTensorsDType
{
    // Listed in the order of the Rust crate's Dtype enum, which its writer sorts by (descending) to keep data aligned.
    private static readonly (string Name, ScalarType Type, int Size)[] Known =
    [
        ("BOOL", ScalarType.Bool, 1),
        ("U8", ScalarType.Byte, 1),
        ("I8", ScalarType.Int8, 1),
        ("I16", ScalarType.Int16, 2),
        ("F16", ScalarType.Float16, 2),
        ("BF16", ScalarType.BFloat16, 2),
        ("I32", ScalarType.Int32, 4),
        ("F32", ScalarType.Float32, 4),
        ("F64", ScalarType.Float64, 8),
        ("I64", ScalarType.Int64, 8),
    ];

    public static bool TryParse(string name, out ScalarType type, out int size)
    {
        foreach (var k in Known)
        {
            if (k.Name != name) continue;
            (type, size) = (k.Type, k.Size);
            return true;
        }
        (type, size) = (default, 0);
        return false;
    }

    public static bool IsSupported(ScalarType type) => Array.FindIndex(Known, k => k.Type == type) >= 0;

    public static string NameOf(ScalarType type) => Known[Rank(type)].Name;

    public static int SizeOf(ScalarType type) => Known[Rank(type)].Size;

    /// <summary>Position in the Rust crate's Dtype enum; higher ranks are written first.</summary>
    public static int Rank(ScalarType type)
    {
        var i = Array.FindIndex(Known, k => k.Type == type);
        return i >= 0 ? i : throw new ArgumentException($"dtype {type} has no safetensors equivalent (supported: {string.Join(", ", Known.Select(k => k.Type))})");
    }

    public static string SupportedNames => string.Join(", ", Known.Select(k => k.Name));
}
