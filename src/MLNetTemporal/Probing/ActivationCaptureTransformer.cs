using Microsoft.ML.Data;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.Probing;

/// <summary>
/// Adds one known-size Single vector column per selected block: the residual stream after that block at the
/// entity's last token (or the sequence's last token, or the entity's mean), with the entity placed in the
/// prompt. Rows stream through in batches, so memory does not grow with the dataset.
/// </summary>
public sealed class ActivationCaptureTransformer : TextModelTransformer
{
    internal const string KindName = "ActivationCapture";
    private readonly ActivationCapture _capture;
    private readonly string[] _hookNames;

    internal ActivationCaptureTransformer(LanguageModel model, bool ownsModel, TextModelSettings settings, CaptureSettings capture)
        : base(model, ownsModel, settings)
    {
        foreach (var layer in capture.Layers)
            if (layer < 0 || layer >= model.Config.NumLayers)
                throw new ArgumentOutOfRangeException(nameof(capture), layer, $"Layers: layer {layer} is out of range; the model has {model.Config.NumLayers} blocks");
        Capture = capture;
        _capture = new ActivationCapture(model, capture.Prompt, capture.Pooling, settings.MaxTokens);
        _hookNames = ActivationCapture.ResidualPoints(capture.Layers);
        OutputColumns = capture.Columns.Select(n => Column(n, model.Config.HiddenSize)).ToArray();
    }

    internal CaptureSettings Capture { get; }
    public IReadOnlyList<int> Layers => Capture.Layers;
    public IReadOnlyList<string> OutputColumnNames => Capture.Columns;
    public ProbePooling Pooling => Capture.Pooling;
    public ProbePrompt Prompt => Capture.Prompt;

    public override string Kind => KindName;
    protected override IReadOnlyList<TextOutputColumn> OutputColumns { get; }

    internal static TextOutputColumn Column(string name, int hiddenSize) => new(name, new VectorDataViewType(NumberDataViewType.Single, hiddenSize));

    protected override Array[] Map(IReadOnlyList<string> texts) => _capture.Batch(texts, _hookNames);

    protected override object SavedSettings(string modelEntry) => new Saved(modelEntry, Settings, Capture);

    internal static ActivationCaptureTransformer LoadFrom(TemporalLoadContext context, string entry)
    {
        var saved = ReadSettings<Saved>(context, entry);
        var (model, owns) = context.Model(saved.Model, saved.Text.Device);
        return new ActivationCaptureTransformer(model, owns, saved.Text, saved.Capture);
    }

    internal sealed record Saved(string Model, TextModelSettings Text, CaptureSettings Capture);
}

/// <summary>What a capture transformer keeps after Fit and saves.</summary>
internal sealed record CaptureSettings(int[] Layers, string[] Columns, ProbePooling Pooling, ProbePrompt Prompt);
