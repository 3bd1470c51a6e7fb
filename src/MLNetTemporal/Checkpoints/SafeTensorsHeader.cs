using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace MLNetTemporal.Checkpoints;

/// <summary>Parses and writes the JSON header that precedes a safetensors file's data.</summary>
internal static class SafeTensorsHeader
{
    public const string MetadataKey = "__metadata__";

    /// <summary>Headers beyond this are corrupt or hostile; Hugging Face's reader uses the same bound.</summary>
    public const long MaxHeaderBytes = 100_000_000;

    /// <summary>
    /// Validates the header against a file of <paramref name="fileLength"/> bytes and returns its tensors in data
    /// order with absolute offsets. Gaps between tensors are allowed; overlaps and data past the end are not.
    /// </summary>
    public static (List<SafeTensorInfo> Tensors, Dictionary<string, string> Metadata) Parse(
        string path, ReadOnlySpan<byte> json, long fileLength)
    {
        var dataStart = 8L + json.Length;
        var dataLength = fileLength - dataStart;
        if (!System.Text.Unicode.Utf8.IsValid(json)) throw Fail(path, null, "header is not valid UTF-8");
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw Fail(path, null, $"header is not valid JSON ({e.Message})", e);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw Fail(path, null, "header is not a JSON object");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var tensors = new List<SafeTensorInfo>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name)) throw Fail(path, property.Name, "appears twice in the header");
                if (property.Name == MetadataKey) ReadMetadata(path, property.Value, metadata);
                else tensors.Add(ReadEntry(path, property.Name, property.Value, dataStart, dataLength));
            }

            var ordered = tensors.OrderBy(t => t.Offset).ToList(); // stable: header order breaks ties between empty tensors
            for (var i = 1; i < ordered.Count; i++)
            {
                var (previous, current) = (ordered[i - 1], ordered[i]);
                if (current.Offset < previous.Offset + previous.Length)
                    throw Fail(path, current.Name, $"data_offsets overlap those of tensor '{previous.Name}'");
            }
            return (ordered, metadata);
        }
    }

    private static void ReadMetadata(string path, JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind == JsonValueKind.Null) return; // the Rust reader's Option: null means no metadata
        if (value.ValueKind != JsonValueKind.Object) throw Fail(path, null, $"{MetadataKey} is not a JSON object");
        foreach (var entry in value.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
                throw Fail(path, null, $"{MetadataKey} entry '{entry.Name}' is not a string");
            if (!metadata.TryAdd(entry.Name, entry.Value.GetString()!))
                throw Fail(path, null, $"{MetadataKey} entry '{entry.Name}' appears twice");
        }
    }

    private static SafeTensorInfo ReadEntry(string path, string name, JsonElement value, long dataStart, long dataLength)
    {
        if (value.ValueKind != JsonValueKind.Object) throw Fail(path, name, "entry is not a JSON object");
        string? dtypeName = null;
        long[]? shape = null, offsets = null;
        foreach (var field in value.EnumerateObject())
        {
            switch (field.Name)
            {
                case "dtype" when dtypeName is null && field.Value.ValueKind == JsonValueKind.String:
                    dtypeName = field.Value.GetString()!;
                    break;
                case "shape" when shape is null:
                    shape = ReadIntegers(path, name, field);
                    break;
                case "data_offsets" when offsets is null:
                    offsets = ReadIntegers(path, name, field);
                    break;
                default:
                    throw Fail(path, name, $"unexpected, repeated or mistyped field '{field.Name}'");
            }
        }
        if (dtypeName is null || shape is null || offsets is null)
            throw Fail(path, name, "entry needs 'dtype', 'shape' and 'data_offsets'");
        if (!SafeTensorsDType.TryParse(dtypeName, out var dtype, out var elementSize))
            throw Fail(path, name, $"unsupported dtype '{dtypeName}' (supported: {SafeTensorsDType.SupportedNames})");
        if (offsets.Length != 2) throw Fail(path, name, $"data_offsets must be [begin, end], got {offsets.Length} numbers");

        var (begin, end) = (offsets[0], offsets[1]);
        if (end < begin) throw Fail(path, name, $"data_offsets [{begin}, {end}] end before they begin");
        if (end > dataLength)
            throw Fail(path, name, $"data_offsets [{begin}, {end}] run past the data section ({dataLength} bytes); the file may be truncated");
        long expected;
        try
        {
            expected = checked(shape.Aggregate(1L, (a, b) => a * b) * elementSize);
        }
        catch (OverflowException e)
        {
            throw Fail(path, name, $"shape [{string.Join(", ", shape)}] is too large", e);
        }
        if (end - begin != expected)
            throw Fail(path, name, $"data_offsets [{begin}, {end}] hold {end - begin} bytes but {dtypeName} [{string.Join(", ", shape)}] needs {expected}");
        return new SafeTensorInfo(name, dtype, shape, dataStart + begin, expected);
    }

    private static long[] ReadIntegers(string path, string name, JsonProperty field)
    {
        if (field.Value.ValueKind != JsonValueKind.Array) throw Fail(path, name, $"'{field.Name}' is not an array");
        var values = new List<long>();
        foreach (var item in field.Value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var v) || v < 0)
                throw Fail(path, name, $"'{field.Name}' holds {item.GetRawText()}, not a non-negative integer");
            values.Add(v);
        }
        return [.. values];
    }

    /// <summary>
    /// The 8-byte length prefix and JSON header for tensors laid out back to back in the given order, written the
    /// way the Rust crate does (compact JSON, metadata first, padded with spaces to a multiple of 8).
    /// </summary>
    public static byte[] Serialize(IReadOnlyList<SafeTensorSpec> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        var json = new StringBuilder("{");
        if (metadata is not null)
        {
            json.Append(Quote(MetadataKey)).Append(":{");
            var first = true;
            foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (!first) json.Append(',');
                json.Append(Quote(key)).Append(':').Append(Quote(value));
                first = false;
            }
            json.Append('}');
        }
        long offset = 0;
        foreach (var t in tensors)
        {
            if (json.Length > 1) json.Append(',');
            var length = DataLength(t);
            json.Append(Quote(t.Name))
                .Append(":{\"dtype\":").Append(Quote(SafeTensorsDType.NameOf(t.DType)))
                .Append(",\"shape\":[").AppendJoin(',', t.Shape)
                .Append("],\"data_offsets\":[").Append(offset).Append(',').Append(offset + length).Append("]}");
            offset += length;
        }
        json.Append('}');

        var body = Encoding.UTF8.GetBytes(json.ToString());
        var padded = (body.Length + 7) / 8 * 8;
        var bytes = new byte[8 + padded];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)padded);
        body.CopyTo(bytes, 8);
        bytes.AsSpan(8 + body.Length).Fill((byte)' ');
        return bytes;
    }

    public static long DataLength(SafeTensorSpec t) =>
        checked(t.Shape.Aggregate(1L, (a, b) => a * b) * SafeTensorsDType.SizeOf(t.DType));

    // serde_json's escaping, so headers match the Rust writer byte for byte.
    private static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case < ' ': sb.Append($"\\u{(int)c:x4}"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.Append('"').ToString();
    }

    private static InvalidDataException Fail(string path, string? tensor, string problem, Exception? inner = null) =>
        CheckpointError.Format(path, tensor, problem, inner);
}
