using System.Text.Json;
using System.Text.Json.Serialization;

namespace MLNetTemporal.Pipeline;

/// <summary>manifest.json of a saved pipeline: its steps in order, each an ML.NET sub-model or one of ours.</summary>
internal sealed record PipelineManifest(string Format, int Version, string InputSchema, IReadOnlyList<PipelineStep> Steps)
{
    public const string FormatName = "MLNetTemporal.Pipeline";
    public const int CurrentVersion = 1;

    /// <summary>Missing or null members of a manifest or settings file are errors, not silent defaults.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter() },
    };
}

/// <param name="Kind"><see cref="PipelineStep.MLNetKind"/> or an <see cref="ITemporalTransformer.Kind"/>.</param>
/// <param name="Entry">A zip saved by mlContext.Model.Save, or the folder of one of our transformers.</param>
internal sealed record PipelineStep(string Kind, string Entry)
{
    public const string MLNetKind = "MLNet";
}
