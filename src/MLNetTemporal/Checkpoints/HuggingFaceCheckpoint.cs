using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using MLNetTemporal.Runtime;
using static TorchSharp.torch;

namespace MLNetTemporal.Checkpoints;

/// <summary>
/// Reads and writes the weights of a Hugging Face checkpoint folder: one <c>model.safetensors</c>, or shards listed
/// by <c>model.safetensors.index.json</c>, laid out the way <c>transformers</c>' <c>save_pretrained</c> does.
/// </summary>
public static partial class HuggingFaceCheckpoint
{
    public const string WeightsFile = "model.safetensors";
    public const string IndexFile = "model.safetensors.index.json";

    private static readonly IReadOnlyDictionary<string, string> PyTorchFormat = new Dictionary<string, string> { ["format"] = "pt" };

    /// <summary>
    /// Loads every tensor of the checkpoint in <paramref name="folder"/>, in the files' order; the caller owns (and
    /// disposes) them.
    /// </summary>
    /// <exception cref="FileNotFoundException">Neither weights file nor index, or a shard the index names, exists.</exception>
    /// <exception cref="InvalidDataException">A file is malformed, or the index and its shards disagree.</exception>
    public static OrderedDictionary<string, Tensor> LoadStateDict(string folder, Device? device = null)
    {
        var single = Path.Combine(folder, WeightsFile);
        var index = Path.Combine(folder, IndexFile);
        var state = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            if (File.Exists(single))
            {
                using var file = SafeTensorsFile.Open(single);
                foreach (var name in file.Tensors.Keys) state.Add(name, file.Read(name, device));
            }
            else if (File.Exists(index))
            {
                foreach (var (shard, names) in ReadIndex(index))
                {
                    using var file = SafeTensorsFile.Open(shard);
                    foreach (var name in names) state.Add(name, file.Read(name, device));
                }
            }
            else
            {
                throw new FileNotFoundException($"{folder}: no checkpoint weights: looked for {WeightsFile} and {IndexFile}", single);
            }
            return state;
        }
        catch
        {
            foreach (var t in state.Values) t.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes <paramref name="state"/> into the existing <paramref name="folder"/>: one <c>model.safetensors</c>, or
    /// when it exceeds <paramref name="maxShardBytes"/>, numbered shards plus an index. Every file is written
    /// atomically, the index last; weight files left from an earlier save are removed so they cannot shadow this one.
    /// Tied tensors should appear once (save the owner, leave the alias out). <paramref name="metadata"/> goes into
    /// every file's header; by default <c>{"format":"pt"}</c>, as transformers writes.
    /// </summary>
    public static void SaveStateDict(string folder, IReadOnlyDictionary<string, Tensor> state, long maxShardBytes = 5L << 30,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxShardBytes);
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: checkpoint folder does not exist");
        metadata ??= PyTorchFormat;
        var shards = Shard(state, maxShardBytes);
        var written = new List<string>();
        if (shards.Count <= 1)
        {
            SafeTensorsWriter.Write(Path.Combine(folder, WeightsFile), shards.SingleOrDefault() ?? [], metadata);
            written.Add(WeightsFile);
        }
        else
        {
            var weightMap = new SortedDictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < shards.Count; i++)
            {
                var name = $"model-{i + 1:D5}-of-{shards.Count:D5}.safetensors";
                SafeTensorsWriter.Write(Path.Combine(folder, name), shards[i], metadata);
                foreach (var tensor in shards[i]) weightMap.Add(tensor.Key, name);
                written.Add(name);
            }
            var totalSize = state.Values.Sum(TensorMemory.ByteLength);
            AtomicFile.WriteAllText(Path.Combine(folder, IndexFile), IndexJson(totalSize, weightMap));
            written.Add(IndexFile);
        }
        RemoveStaleWeights(folder, written);
    }

    /// <summary>
    /// Splits in the order of <paramref name="state"/> the way huggingface_hub does: a shard closes when the next
    /// tensor would overflow it, and a tensor larger than the limit gets a shard of its own.
    /// </summary>
    private static List<List<KeyValuePair<string, Tensor>>> Shard(IReadOnlyDictionary<string, Tensor> state, long maxShardBytes)
    {
        var shards = new List<List<KeyValuePair<string, Tensor>>>();
        var current = new List<KeyValuePair<string, Tensor>>();
        long currentSize = 0;
        foreach (var entry in state)
        {
            var size = TensorMemory.ByteLength(entry.Value);
            if (size > maxShardBytes)
            {
                shards.Add([entry]);
                continue;
            }
            if (currentSize + size > maxShardBytes)
            {
                shards.Add(current);
                (current, currentSize) = ([], 0);
            }
            current.Add(entry);
            currentSize += size;
        }
        if (current.Count > 0) shards.Add(current);
        return shards;
    }

    // transformers writes json.dumps(index, indent=2, sort_keys=True) + "\n".
    private static string IndexJson(long totalSize, SortedDictionary<string, string> weightMap)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
               {
                   Indented = true, IndentSize = 2, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
               }))
        {
            json.WriteStartObject();
            json.WriteStartObject("metadata");
            json.WriteNumber("total_size", totalSize);
            json.WriteEndObject();
            json.WriteStartObject("weight_map");
            foreach (var (tensor, shard) in weightMap) json.WriteString(tensor, shard);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>The index's shards (full paths) with the tensors to take from each, after checking the two agree.</summary>
    private static List<(string Shard, List<string> Names)> ReadIndex(string indexPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(indexPath))!;
        var byShard = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(indexPath));
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("weight_map", out var map) || map.ValueKind != JsonValueKind.Object)
                throw CheckpointError.Format(indexPath, null, "index has no 'weight_map' object");
            foreach (var entry in map.EnumerateObject())
            {
                var shard = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()! : "";
                if (shard.Length == 0 || Path.GetFileName(shard) != shard || shard is "." or "..")
                    throw CheckpointError.Format(indexPath, entry.Name, $"weight_map entry {entry.Value.GetRawText()} is not a shard file name in the checkpoint folder");
                if (!byShard.TryGetValue(shard, out var names)) byShard.Add(shard, names = []);
                names.Add(entry.Name);
            }
        }
        catch (JsonException e)
        {
            throw CheckpointError.Format(indexPath, null, $"index is not valid JSON ({e.Message})", e);
        }

        var result = new List<(string, List<string>)>();
        foreach (var (shard, names) in byShard)
        {
            var shardPath = Path.Combine(folder, shard);
            if (!File.Exists(shardPath))
                throw new FileNotFoundException($"{indexPath}: shard '{shard}' (holding '{names[0]}' and {names.Count - 1} more) does not exist", shardPath);
            using var file = SafeTensorsFile.Open(shardPath);
            var missing = names.FirstOrDefault(n => !file.Tensors.ContainsKey(n));
            if (missing is not null)
                throw CheckpointError.Format(shardPath, missing, $"listed for this shard by {IndexFile} but absent from it");
            var listed = names.ToHashSet(StringComparer.Ordinal);
            var unlisted = file.Tensors.Keys.FirstOrDefault(n => !listed.Contains(n));
            if (unlisted is not null)
                throw CheckpointError.Format(shardPath, unlisted, $"present in the shard but not mapped to it by {IndexFile}");
            result.Add((shardPath, [.. file.Tensors.Keys]));
        }
        return result;
    }

    private static void RemoveStaleWeights(string folder, List<string> written)
    {
        foreach (var path in Directory.EnumerateFiles(folder))
        {
            var name = Path.GetFileName(path);
            if ((name is WeightsFile or IndexFile || ShardName().IsMatch(name)) && !written.Contains(name)) File.Delete(path);
        }
    }

    [GeneratedRegex(@"^model-\d{5}-of-\d{5}\.safetensors$")]
    private static partial Regex ShardName();
}
