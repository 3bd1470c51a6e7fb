using MLNetTemporal.Pipeline;

namespace MLNetTemporal.Probing;

/// <summary>Options of <c>mlContext.Temporal().CaptureActivations</c>.</summary>
public sealed class ActivationCaptureOptions : TextModelOptions
{
    /// <summary>Blocks whose output residual stream is captured: "all", "3", "0,2", "1-3", "-1".</summary>
    public string Layers { get; set; } = "all";

    /// <summary>Added columns are named this plus the block index ("Layer0", "Layer1", …).</summary>
    public string OutputColumnPrefix { get; set; } = "Layer";

    /// <summary>When set, exactly one layer must be selected and its column gets this name (e.g. "Features").</summary>
    public string? OutputColumnName { get; set; }

    public ProbePooling Pooling { get; set; } = ProbePooling.EntityLastToken;

    /// <summary>What surrounds the entity (empty, a descriptive template, random tokens, all caps).</summary>
    public ProbePrompt Prompt { get; set; } = ProbePrompt.Empty;

    public ActivationCaptureOptions()
    {
        BatchSize = 32;
        MaxTokens = 128;
    }

    protected internal override void Validate()
    {
        base.Validate();
        ArgumentNullException.ThrowIfNull(Prompt, nameof(Prompt));
        Prompt.Validate();
        if (!Enum.IsDefined(Pooling)) throw new ArgumentOutOfRangeException(nameof(Pooling), Pooling, "unknown pooling");
        if (OutputColumnName is null && string.IsNullOrWhiteSpace(OutputColumnPrefix)) throw new ArgumentException("OutputColumnPrefix is empty");
    }

    /// <summary>The selected blocks and their column names.</summary>
    internal (int[] Layers, string[] Columns) Columns(int layerCount)
    {
        var layers = LayerSelection.Parse(Layers, layerCount, nameof(Layers));
        if (OutputColumnName is not null)
        {
            if (layers.Length != 1)
                throw new ArgumentException($"OutputColumnName '{OutputColumnName}' names one column, but Layers '{Layers}' selects {layers.Length}");
            return (layers, [OutputColumnName]);
        }
        return (layers, layers.Select(l => $"{OutputColumnPrefix}{l}").ToArray());
    }
}
