using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLNetTemporal.LanguageModels;

/// <summary>
/// Typed reads of <c>config.json</c> keys for <see cref="LanguageModelArchitecture.ReadConfig"/>: null when the key is
/// absent or null, <see cref="InvalidDataException"/> naming the key when its value has the wrong type.
/// </summary>
public static class ConfigJson
{
    public static string? String(JsonObject json, string key) =>
        json[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static bool? Bool(JsonObject json, string key) =>
        json[key] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    /// <summary>An integer; whole numbers written as floats (<c>768.0</c>) are accepted, as Python writes some.</summary>
    public static int? Int(JsonObject json, string key)
    {
        if (json[key] is not JsonValue v) return null;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<double>(out var d) && d == Math.Floor(d)) return (int)d;
        if (v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out i)) return i;
        throw new InvalidDataException($"config.json: '{key}' must be an integer, found {v.ToJsonString()}");
    }

    public static double? Double(JsonObject json, string key)
    {
        if (json[key] is not JsonValue v) return null;
        if (v.TryGetValue<double>(out var d)) return d;
        if (v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number) return e.GetDouble();
        throw new InvalidDataException($"config.json: '{key}' must be a number, found {v.ToJsonString()}");
    }
}
