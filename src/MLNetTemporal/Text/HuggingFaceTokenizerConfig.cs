using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MLNetTemporal.Runtime;

namespace MLNetTemporal.Text;

/// <summary>
/// Reads and writes the two small JSON files in which Hugging Face keeps special tokens
/// (special_tokens_map.json, tokenizer_config.json), so checkpoints move between this library and transformers.
/// </summary>
internal static class HuggingFaceTokenizerConfig
{
    public const string SpecialTokensMapFile = "special_tokens_map.json";
    public const string TokenizerConfigFile = "tokenizer_config.json";

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        // Byte-level tokens are mostly non-ASCII ('Ġ'); keep them readable instead of \uXXXX.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Roles named in the folder's config files (special_tokens_map.json wins over tokenizer_config.json), or null when neither names any.</summary>
    public static SpecialTokenRoles? ReadRoles(string folder)
    {
        var map = ReadObject(folder, SpecialTokensMapFile);
        var config = ReadObject(folder, TokenizerConfigFile);
        string? Role(string key) => TokenContent(map?[key]) ?? TokenContent(config?[key]);
        var roles = new SpecialTokenRoles(Role("bos_token"), Role("eos_token"), Role("pad_token"), Role("unk_token"));
        return roles.All.Any() ? roles : null;
    }

    /// <summary>Added tokens with their ids from tokenizer_config.json's added_tokens_decoder and added_tokens.json.</summary>
    public static Dictionary<string, int> ReadAddedTokens(string folder)
    {
        var added = new Dictionary<string, int>(StringComparer.Ordinal);
        if (ReadObject(folder, TokenizerConfigFile)?["added_tokens_decoder"] is JsonObject decoder)
        {
            foreach (var (id, token) in decoder)
            {
                if (TokenContent(token) is { } content && int.TryParse(id, out var value)) added[content] = value;
            }
        }
        if (ReadObject(folder, "added_tokens.json") is { } file)
        {
            foreach (var (content, id) in file)
            {
                if (id is JsonValue v && v.TryGetValue<int>(out var value)) added[content] = value;
            }
        }
        return added;
    }

    public static void Write(string folder, string tokenizerClass, SpecialTokenRoles roles, IReadOnlyDictionary<string, int> addedTokens,
        IEnumerable<KeyValuePair<string, JsonNode?>> settings)
    {
        var map = new JsonObject();
        AddRoles(map, roles);
        AtomicFile.WriteAllText(Path.Combine(folder, SpecialTokensMapFile), map.ToJsonString(Json));

        var config = new JsonObject { ["tokenizer_class"] = tokenizerClass };
        AddRoles(config, roles);
        foreach (var (key, value) in settings) config[key] = value;
        var decoder = new JsonObject();
        foreach (var (content, id) in addedTokens.OrderBy(t => t.Value))
        {
            decoder[id.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["content"] = content, ["lstrip"] = false, ["normalized"] = false, ["rstrip"] = false,
                ["single_word"] = false, ["special"] = true,
            };
        }
        config["added_tokens_decoder"] = decoder;
        AtomicFile.WriteAllText(Path.Combine(folder, TokenizerConfigFile), config.ToJsonString(Json));
    }

    private static void AddRoles(JsonObject target, SpecialTokenRoles roles)
    {
        if (roles.Bos is not null) target["bos_token"] = roles.Bos;
        if (roles.Eos is not null) target["eos_token"] = roles.Eos;
        if (roles.Pad is not null) target["pad_token"] = roles.Pad;
        if (roles.Unk is not null) target["unk_token"] = roles.Unk;
    }

    // Hugging Face writes a token either as a bare string or as {"content": ..., "lstrip": ...}.
    private static string? TokenContent(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonObject o => TokenContent(o["content"]),
        _ => null,
    };

    private static JsonObject? ReadObject(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new InvalidDataException($"{path}: expected a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON ({e.Message})", e);
        }
    }
}
