using Microsoft.ML;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.WeightSpace;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.TimeVectors;

/// <summary>Options of <c>mlContext.Temporal().AdaptClassifierInTime</c>.</summary>
public sealed class TaskAnalogyOptions
{
    /// <summary>theta_pre: the model the task model and the time vectors were fine-tuned from.</summary>
    public LanguageModel? BaseModel { get; set; }

    /// <summary>The classifier trained on period i (its body minus the base is tau_task_i; its head is kept).</summary>
    public SequenceClassificationTransformer? TaskModel { get; set; }

    /// <summary>LM time vectors of the base, holding <see cref="SourcePeriod"/> and <see cref="TargetPeriod"/> (unlabeled text only).</summary>
    public TimeVectorSet? TimeVectors { get; set; }

    public string SourcePeriod { get; set; } = "";
    public string TargetPeriod { get; set; } = "";

    /// <summary>METHODS.md grid: a1 in 0.6, 0.8, ..., 2.2 (varied, unlike the original scripts); a2, a3 in 0.1, ..., 0.6.</summary>
    public IReadOnlyList<double> A1 { get; set; } = Steps(0.6, 2.2, 0.2);
    public IReadOnlyList<double> A2 { get; set; } = Steps(0.1, 0.6, 0.1);
    public IReadOnlyList<double> A3 { get; set; } = Steps(0.1, 0.6, 0.1);

    public string InputColumnName { get; set; } = "Text";
    public string LabelColumnName { get; set; } = "Label";

    internal static double[] Steps(double from, double to, double step) =>
        [.. Enumerable.Range(0, (int)Math.Round((to - from) / step) + 1).Select(i => Math.Round(from + i * step, 10))];

    internal void Validate()
    {
        if (BaseModel is null) throw new ArgumentException("BaseModel is not set");
        if (TaskModel is null) throw new ArgumentException("TaskModel is not set");
        var set = TimeVectors ?? throw new ArgumentException("TimeVectors is not set");
        foreach (var p in new[] { SourcePeriod, TargetPeriod })
            if (!set.Contains(p)) throw new ArgumentException($"period '{p}' has no time vector (periods: {string.Join(", ", set.Periods)})");
        foreach (var (name, grid) in new[] { ("A1", A1), ("A2", A2), ("A3", A3) })
            if (grid is null || grid.Count == 0 || grid.Any(v => !double.IsFinite(v))) throw new ArgumentException($"{name} must hold finite values");
    }
}

/// <summary>The analogy grid on the target period's dev set, and the un-updated task model's accuracy there.</summary>
public sealed record TaskAnalogyResult(SweepResult Sweep, double UnupdatedAccuracy)
{
    public SweepPoint Best => Sweep.Best;
}

/// <summary>
/// Moves a task model from period i to period j with unlabeled text of j only (METHODS.md task analogy):
/// <c>theta_j' = theta_pre + a1 tau_task_i + a2 tau_LM_j - a3 tau_LM_i</c> on the body, the task head unchanged.
/// Fit picks the (a1, a2, a3) of the grid with the best accuracy on a labeled dev set of period j.
/// </summary>
public sealed class TaskAnalogyEstimator : IEstimator<SequenceClassificationTransformer>
{
    private readonly TaskAnalogyOptions _options;

    internal TaskAnalogyEstimator(TaskAnalogyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    public SequenceClassificationTransformer Fit(IDataView input)
    {
        var best = Evaluate(input).Best.Setting;
        return Build(best["a1"], best["a2"], best["a3"]);
    }

    /// <summary>Every grid point's dev accuracy (a1 varies slowest).</summary>
    public TaskAnalogyResult Evaluate(IDataView dev, IProgress<SweepPoint>? progress = null, CancellationToken cancellationToken = default)
    {
        var (texts, labels, _) = LabeledTexts.Read(dev, _options.InputColumnName, _options.LabelColumnName);
        if (texts.Count == 0) throw new ArgumentException($"the dev set has no labeled rows in column '{_options.LabelColumnName}'", nameof(dev));
        var task = _options.TaskModel!;
        double unupdated = task.Classifier.Accuracy(texts, labels, task.BatchSize, task.MaxTokens);
        using var taskVector = WeightVector.Difference(task.Classifier.Model, _options.BaseModel!);
        var sweep = CoefficientSweep.Grid([("a1", _options.A1), ("a2", _options.A2), ("a3", _options.A3)], s =>
        {
            using var model = Combine(taskVector, s["a1"], s["a2"], s["a3"]);
            return model.Accuracy(texts, labels, task.BatchSize, task.MaxTokens);
        }, SweepGoal.Maximize, progress, cancellationToken);
        return new TaskAnalogyResult(sweep, unupdated);
    }

    /// <summary>The task model moved with the given coefficients.</summary>
    public SequenceClassificationTransformer Build(double a1, double a2, double a3)
    {
        var task = _options.TaskModel!;
        using var taskVector = WeightVector.Difference(task.Classifier.Model, _options.BaseModel!);
        return new SequenceClassificationTransformer(Combine(taskVector, a1, a2, a3),
            new TextModelSettings(task.InputColumnName, task.BatchSize, task.MaxTokens, task.Device), task.ScoreColumnName, task.PredictedLabelColumnName);
    }

    private SequenceClassifier Combine(WeightVector taskVector, double a1, double a2, double a3)
    {
        var set = _options.TimeVectors!;
        var body = ModelWeights.Apply(_options.BaseModel!, [taskVector, set[_options.TargetPeriod], set[_options.SourcePeriod]], [a1, a2, -a3]);
        return _options.TaskModel!.Classifier.WithModel(body);
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        TextInputColumn.Validate(inputSchema, _options.InputColumnName);
        var task = _options.TaskModel!;
        return SchemaShapes.WithColumns(inputSchema, MulticlassOutputColumns.Create(task.Classifier.Classes, task.ScoreColumnName, task.PredictedLabelColumnName));
    }
}
