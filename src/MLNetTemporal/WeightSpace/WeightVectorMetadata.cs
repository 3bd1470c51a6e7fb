using System.Globalization;

namespace MLNetTemporal.WeightSpace;

/// <summary>
/// What a weight vector records about its origin, stored in the safetensors header: the base model's hash (so
/// vectors of different bases are never combined), the period, how much text produced it, and the coefficients
/// of the arithmetic that made it.
/// </summary>
public sealed record WeightVectorMetadata
{
    internal const string KindKey = "mlnet_temporal_kind";
    internal const string KindValue = "weight_vector";

    /// <summary>Content hash of the base model's weights (<see cref="ModelWeights.Hash"/>); null when unknown.</summary>
    public string? BaseHash { get; init; }
    public string? Period { get; init; }
    public long? Rows { get; init; }
    public long? Tokens { get; init; }
    /// <summary>Hash of the data and settings that fitted the vector; a resumed fit reuses the vector only when it matches.</summary>
    public string? Fingerprint { get; init; }
    /// <summary>The arithmetic that produced the vector, e.g. "0.3*2012 + 0.7*2016".</summary>
    public string? Coefficients { get; init; }

    internal Dictionary<string, string> ToHeader()
    {
        var header = new Dictionary<string, string> { ["format"] = "pt", [KindKey] = KindValue };
        if (BaseHash is not null) header["base_hash"] = BaseHash;
        if (Period is not null) header["period"] = Period;
        if (Rows is not null) header["rows"] = Rows.Value.ToString(CultureInfo.InvariantCulture);
        if (Tokens is not null) header["tokens"] = Tokens.Value.ToString(CultureInfo.InvariantCulture);
        if (Fingerprint is not null) header["fit_fingerprint"] = Fingerprint;
        if (Coefficients is not null) header["coefficients"] = Coefficients;
        return header;
    }

    internal static WeightVectorMetadata FromHeader(IReadOnlyDictionary<string, string> header) => new()
    {
        BaseHash = header.GetValueOrDefault("base_hash"),
        Period = header.GetValueOrDefault("period"),
        Rows = header.TryGetValue("rows", out var rows) ? long.Parse(rows, CultureInfo.InvariantCulture) : null,
        Tokens = header.TryGetValue("tokens", out var tokens) ? long.Parse(tokens, CultureInfo.InvariantCulture) : null,
        Fingerprint = header.GetValueOrDefault("fit_fingerprint"),
        Coefficients = header.GetValueOrDefault("coefficients"),
    };

    /// <summary>The base hash shared by <paramref name="vectors"/>; an error naming both when two differ.</summary>
    internal static string? CommonBase(IEnumerable<WeightVectorMetadata> vectors)
    {
        string? common = null;
        foreach (var m in vectors)
        {
            if (m.BaseHash is null) continue;
            if (common is not null && common != m.BaseHash)
                throw new ArgumentException($"the vectors come from different base models (base hash {common} vs {m.BaseHash}{(m.Period is null ? "" : $", period {m.Period}")})");
            common = m.BaseHash;
        }
        return common;
    }
}
