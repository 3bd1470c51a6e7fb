using MLNetTemporal.Pipeline;

namespace MLNetTemporal.Anchors;

/// <summary>Options of <c>mlContext.Temporal().ClassifyInContext</c>.</summary>
public class InContextClassifierOptions : TextModelOptions
{
    // The prompt's defaults live in InContextPromptSettings, so the estimators and the anchor study start alike.
    private static readonly InContextPromptSettings PromptDefaults = new();

    /// <summary>Key column of classes (its key values are the class names), read by Fit only.</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>With <c>{text}</c> and then <c>{label}</c>, each once.</summary>
    public string Template { get; set; } = PromptDefaults.Template;

    /// <summary>What joins demonstrations (and the query to them).</summary>
    public string Separator { get; set; } = PromptDefaults.Separator;

    /// <summary>
    /// Label word per class name, inserted at <c>{label}</c> as given (so " Positive" carries its space); each must
    /// be one token. A class not listed uses a space and its name (<see cref="InContextPromptSettings.Format"/>).
    /// </summary>
    public Dictionary<string, string> LabelWords { get; set; } = [];

    /// <summary>Demonstrations of each class in the prompt, chosen from the training rows with <see cref="Seed"/>.</summary>
    public int DemonstrationsPerClass { get; set; } = PromptDefaults.DemonstrationsPerClass;

    /// <summary>Seeds the choice and order of demonstrations (and of re-weighting's training examples).</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Vector column: the probability of each class (softmax over the label words' logits).</summary>
    public string ScoreColumnName { get; set; } = "Score";

    /// <summary>Key column over the label column's classes: the most probable class.</summary>
    public string PredictedLabelColumnName { get; set; } = "PredictedLabel";

    protected internal override void Validate()
    {
        base.Validate();
        Prompt.Validate();
        string[] names = [LabelColumnName, ScoreColumnName, PredictedLabelColumnName];
        if (names.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("a column name is empty");
        if (ScoreColumnName == PredictedLabelColumnName) throw new ArgumentException($"ScoreColumnName and PredictedLabelColumnName are both '{ScoreColumnName}'");
    }

    /// <summary>The prompt settings these options describe (the anchor study takes the same type).</summary>
    internal InContextPromptSettings Prompt => new()
    {
        Template = Template, Separator = Separator, LabelWords = LabelWords, DemonstrationsPerClass = DemonstrationsPerClass,
    };
}

/// <summary>Options of <c>mlContext.Temporal().ReweightAnchors</c>.</summary>
public sealed class AnchorReweightingOptions : InContextClassifierOptions
{
    private static readonly AnchorReweightingSettings ReweightingDefaults = new();

    /// <summary>Extra examples per class (not demonstrations) that beta is learned on.</summary>
    public int TrainingExamplesPerClass { get; set; } = 4;

    /// <summary>Adam's learning rate for w (beta = exp(w)).</summary>
    public double LearningRate { get; set; } = ReweightingDefaults.LearningRate;

    public int Epochs { get; set; } = ReweightingDefaults.Epochs;

    /// <summary>Training examples per optimiser step.</summary>
    public int TrainingBatchSize { get; set; } = ReweightingDefaults.BatchSize;

    protected internal override void Validate()
    {
        base.Validate();
        if (TrainingExamplesPerClass < 1) throw new ArgumentOutOfRangeException(nameof(TrainingExamplesPerClass), TrainingExamplesPerClass, "TrainingExamplesPerClass must be at least 1");
        // The settings call this BatchSize, so it is checked under this class' name; the rest share their names.
        if (TrainingBatchSize < 1) throw new ArgumentOutOfRangeException(nameof(TrainingBatchSize), TrainingBatchSize, "TrainingBatchSize must be at least 1");
        Settings.Validate();
    }

    internal AnchorReweightingSettings Settings => new() { LearningRate = LearningRate, Epochs = Epochs, BatchSize = TrainingBatchSize, Seed = Seed };
}
