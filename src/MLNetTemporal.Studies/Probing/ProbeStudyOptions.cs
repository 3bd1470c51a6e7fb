using MLNetTemporal.Probing;

namespace MLNetTemporal.Studies.Probing;

/// <summary>What <see cref="ProbeStudy"/> runs.</summary>
public sealed class ProbeStudyOptions
{
    public ProbePrompt Prompt { get; set; } = ProbePrompt.Empty;
    public ProbePooling Pooling { get; set; } = ProbePooling.EntityLastToken;
    /// <summary>"all", "3", "0,2", "1-3".</summary>
    public string Layers { get; set; } = "all";
    public ProbeKinds Probes { get; set; } = ProbeKinds.Both;
    public RidgeProbeOptions Ridge { get; set; } = new();
    public MlpProbeOptions Mlp { get; set; } = new();
    /// <summary>Also probe a randomly initialised model of the same shape (the control).</summary>
    public bool Control { get; set; } = true;
    public int ControlSeed { get; set; } = 1234;
    /// <summary>Neurons kept by the neuron search (0 skips it).</summary>
    public int TopNeurons { get; set; } = 50;
    public int BatchSize { get; set; } = 32;
    public int MaxTokens { get; set; } = 128;
}
