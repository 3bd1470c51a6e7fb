using MLNetTemporal.Pipeline;

namespace MLNetTemporal.Anchors;

/// <summary>Options of <c>mlContext.Temporal().ClassifyInContext</c>.</summary>
public class InContextClassifierOptions : TextModelOptions
{
    /// <summary>Key column of classes (its key values are the class names), read by Fit only.</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>With <c>{text}</c> and then <c>{label}</c>, each once.</summary>
    public string Template { get; set; } = "Review: {text}\nSentiment:{label}";

    /// <summary>What joins demonstrations (and the query to them).</summary>
    public string Separator { get; set; } = "\n";

    /// <summary>
    /// Label word per class name, inserted at <c>{label}</c> as given (so " Positive" carries its space); each must
    /// be one token. A class not listed uses a space and its name.
    /// </summary>
    public Dictionary<string, string> LabelWords { get; set; } = [];

    /// <summary>Demonstrations of each class in the prompt, chosen from the training rows with <see cref="Seed"/>.</summary>
    public int DemonstrationsPerClass { get; set; } = 1;

    /// <summary>Seeds the choice and order of demonstrations (and of re-weighting's training examples).</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Vector column: the probability of each class (softmax over the label words' logits).</summary>
    public string ScoreColumnName { get; set; } = "Score";

    /// <summary>Key column over the label column's classes: the most probable class.</summary>
    public string PredictedLabelColumnName { get; set; } = "PredictedLabel";

    internal override void Validate()
    {
        base.Validate();
        _ = new PromptTemplate(Template);
        ArgumentNullException.ThrowIfNull(Separator, nameof(Separator));
        ArgumentNullException.ThrowIfNull(LabelWords, nameof(LabelWords));
        if (DemonstrationsPerClass < 1)
            throw new ArgumentOutOfRangeException(nameof(DemonstrationsPerClass), DemonstrationsPerClass, "DemonstrationsPerClass must be at least 1");
        string[] names = [LabelColumnName, ScoreColumnName, PredictedLabelColumnName];
        if (names.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("a column name is empty");
        if (ScoreColumnName == PredictedLabelColumnName) throw new ArgumentException($"ScoreColumnName and PredictedLabelColumnName are both '{ScoreColumnName}'");
    }
}

/// <summary>Options of <c>mlContext.Temporal().ReweightAnchors</c>.</summary>
public sealed class AnchorReweightingOptions : InContextClassifierOptions
{
    /// <summary>Extra examples per class (not demonstrations) that beta is learned on.</summary>
    public int TrainingExamplesPerClass { get; set; } = 4;

    /// <summary>Adam's learning rate for w (beta = exp(w)).</summary>
    public double LearningRate { get; set; } = 0.01;

    public int Epochs { get; set; } = 10;

    /// <summary>Training examples per optimiser step.</summary>
    public int TrainingBatchSize { get; set; } = 1;

    internal override void Validate()
    {
        base.Validate();
        if (TrainingExamplesPerClass < 1) throw new ArgumentOutOfRangeException(nameof(TrainingExamplesPerClass), TrainingExamplesPerClass, "TrainingExamplesPerClass must be at least 1");
        // The settings call this BatchSize, so it is checked under this class' name; the rest share their names.
        if (TrainingBatchSize < 1) throw new ArgumentOutOfRangeException(nameof(TrainingBatchSize), TrainingBatchSize, "TrainingBatchSize must be at least 1");
        Settings.Validate();
    }

    internal AnchorReweightingSettings Settings => new() { LearningRate = LearningRate, Epochs = Epochs, BatchSize = TrainingBatchSize, Seed = Seed };
}
