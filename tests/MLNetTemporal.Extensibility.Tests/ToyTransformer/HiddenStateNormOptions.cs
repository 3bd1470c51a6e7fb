using MLNetTemporal.Pipeline;

namespace MLNetTemporal.Extensibility.Tests.ToyTransformer;

/// <summary>The model, text column, batch size and device come from the library's options; only the added column is this transform's own.</summary>
public sealed class HiddenStateNormOptions : TextModelOptions
{
    /// <summary>Single column: the norm of the text's mean final hidden state.</summary>
    public string OutputColumnName { get; set; } = "StateNorm";

    protected override void Validate()
    {
        base.Validate();
        if (string.IsNullOrWhiteSpace(OutputColumnName)) throw new ArgumentException("OutputColumnName is empty");
    }
}
