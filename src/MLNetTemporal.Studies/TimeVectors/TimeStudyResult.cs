using System.Text.Json.Serialization;
using MLNetTemporal.Studies.Corpus;

namespace MLNetTemporal.Studies.TimeVectors;

/// <summary>One evaluated period's interpolation curve between the first and last period's vectors.</summary>
public sealed record InterpolationCurve(
    [property: JsonPropertyName("perplexity_by_alpha")] IReadOnlyDictionary<string, double> PerplexityByAlpha,
    [property: JsonPropertyName("best_alpha")] double BestAlpha,
    [property: JsonPropertyName("best_perplexity")] double BestPerplexity,
    [property: JsonPropertyName("start_perplexity")] double StartPerplexity,
    [property: JsonPropertyName("end_perplexity")] double EndPerplexity)
{
    /// <summary>True when some mix beats both endpoint models.</summary>
    [JsonPropertyName("beats_both_endpoints")]
    public bool BeatsBothEndpoints => BestPerplexity < Math.Min(StartPerplexity, EndPerplexity);
}

/// <summary>What <c>summary.json</c> of a time study holds (keys as METHODS.md and issue 4 name them).</summary>
public sealed record TimeStudyResult
{
    [JsonPropertyName("periods")] public required IReadOnlyList<string> Periods { get; init; }
    /// <summary>Row: the period trained on; column: the period evaluated.</summary>
    [JsonPropertyName("perplexity")] public required double[][] Perplexity { get; init; }
    [JsonPropertyName("base_perplexity")] public required double[] BasePerplexity { get; init; }
    [JsonPropertyName("cosine")] public required double[][] Cosine { get; init; }
    /// <summary>(ppl - mean over trained periods) / that mean, per evaluated period.</summary>
    [JsonPropertyName("degradation")] public required double[][] Degradation { get; init; }
    /// <summary>Pearson r between cosine and degradation over the off-diagonal pairs.</summary>
    [JsonPropertyName("pearson_cosine_vs_degradation")] public required double PearsonCosineVsDegradation { get; init; }
    /// <summary>Least-squares slope of degradation against the distance in periods (off-diagonal pairs).</summary>
    [JsonPropertyName("degradation_per_period_of_distance")] public required double DegradationSlope { get; init; }
    /// <summary>Evaluated periods whose best model is the one trained on them.</summary>
    [JsonPropertyName("diagonal_best")] public required int DiagonalBest { get; init; }
    [JsonPropertyName("interpolation")] public required IReadOnlyDictionary<string, InterpolationCurve> Interpolation { get; init; }
    [JsonPropertyName("resumed_periods")] public required IReadOnlyList<string> ResumedPeriods { get; init; }
    [JsonPropertyName("seconds")] public required double Seconds { get; init; }
}
