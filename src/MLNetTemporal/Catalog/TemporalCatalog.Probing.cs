using MLNetTemporal.LanguageModels;
using MLNetTemporal.Probing;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.Catalog;

public sealed partial class TemporalCatalog
{
    /// <summary>Adds a vector column per block ("Layer0"…): residual-stream activations of the entities in a text column.</summary>
    public ActivationCaptureEstimator CaptureActivations(string modelFolder, string inputColumnName = "Text", string layers = "all",
        ProbePooling pooling = ProbePooling.EntityLastToken, ProbePrompt? prompt = null) =>
        CaptureActivations(new ActivationCaptureOptions
        {
            ModelPath = modelFolder, InputColumnName = inputColumnName, Layers = layers, Pooling = pooling, Prompt = prompt ?? ProbePrompt.Empty,
        });

    /// <summary>Same as the folder overload, with a model already in memory (used where it is, not copied).</summary>
    public ActivationCaptureEstimator CaptureActivations(LanguageModel model, string inputColumnName = "Text", string layers = "all",
        ProbePooling pooling = ProbePooling.EntityLastToken, ProbePrompt? prompt = null) =>
        CaptureActivations(new ActivationCaptureOptions
        {
            Model = model, InputColumnName = inputColumnName, Layers = layers, Pooling = pooling, Prompt = prompt ?? ProbePrompt.Empty,
        });

    public ActivationCaptureEstimator CaptureActivations(ActivationCaptureOptions options) => new(Context, options);

    /// <summary>A linear probe: ridge regression with alpha chosen by leave-one-out over logspace(0.8, 4.1, 12).</summary>
    public RidgeProbeTrainer RidgeProbe(string labelColumnName = "Label", string featureColumnName = "Features", string scoreColumnName = "Score") =>
        RidgeProbe(new RidgeProbeOptions { LabelColumnName = labelColumnName, FeatureColumnName = featureColumnName, ScoreColumnName = scoreColumnName });

    public RidgeProbeTrainer RidgeProbe(RidgeProbeOptions options) => new(options);

    /// <summary>A nonlinear probe: Linear-ReLU-Linear trained with AdamW, early stopping and a weight-decay grid.</summary>
    public MlpProbeTrainer MlpProbe(string labelColumnName = "Label", string featureColumnName = "Features", string scoreColumnName = "Score") =>
        MlpProbe(new MlpProbeOptions { LabelColumnName = labelColumnName, FeatureColumnName = featureColumnName, ScoreColumnName = scoreColumnName });

    public MlpProbeTrainer MlpProbe(MlpProbeOptions options) => new(Context, options);
}
