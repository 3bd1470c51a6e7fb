using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.Pipeline;
using MLNetTemporal.TextFeatures;

namespace MLNetTemporal.TimeVectors;

/// <summary>Options of <c>mlContext.Temporal().SweepTimeAdaptation</c>.</summary>
public sealed class TimeAdaptationSweepOptions
{
    /// <summary>
    /// Explicit values per coefficient: "Alpha", or period names (each a lambda; periods not named get 0). Null:
    /// the <see cref="Microsoft.ML.SearchSpace.RangeAttribute"/> ranges of <see cref="TimeAdaptationOptions"/>.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>>? Values { get; set; }

    /// <summary>Grid points per range-attributed coefficient (11: alpha 0.0, 0.1, ..., 1.0).</summary>
    public int Points { get; set; } = 11;

    /// <summary>Rounds of refinement around the best point after the range grid (0: a plain grid).</summary>
    public int Refinements { get; set; }

    /// <summary>The metric of the transformed validation data; null: corpus perplexity (token-weighted) of the scores.</summary>
    public Func<IDataView, double>? Metric { get; set; }

    public SweepGoal Goal { get; set; } = SweepGoal.Minimize;
}

/// <summary>Sweeps the coefficients of a time-adapted scoring model on a validation data view.</summary>
internal static class TimeAdaptationSweep
{
    public static SweepResult Run(MLContext context, TextScoringOptions text, TimeAdaptationOptions time, IDataView validation,
        TimeAdaptationSweepOptions options, IProgress<SweepPoint>? progress, CancellationToken cancellationToken)
    {
        text.Validate();
        time.Resolve();
        TextInputColumn.Validate(validation.Schema, text.InputColumnName);
        var (baseModel, owned) = TextModelSource.Acquire(text, context);
        try
        {
            var fixedText = new TextScoringOptions
            {
                Model = baseModel, InputColumnName = text.InputColumnName, BatchSize = text.BatchSize, MaxTokens = text.MaxTokens,
                LogLikelihoodColumnName = text.LogLikelihoodColumnName, PerplexityColumnName = text.PerplexityColumnName,
                TokenCountColumnName = text.TokenCountColumnName,
            };
            var metric = options.Metric ?? (data => ScoredTexts.Loss(data, text.LogLikelihoodColumnName, text.TokenCountColumnName) is { Tokens: > 0 } loss
                ? loss.Perplexity
                : throw new InvalidDataException("the validation data has no text to score"));
            double Evaluate(IReadOnlyDictionary<string, double> setting)
            {
                using var model = new TimeAdaptedEstimator(context, fixedText, Apply(time, setting)).Fit(validation);
                return metric(model.Transform(validation));
            }
            if (options.Values is { } values)
                return CoefficientSweep.Grid([.. values.Select(kv => (kv.Key, kv.Value))], Evaluate, options.Goal, progress, cancellationToken);
            return CoefficientSweep.Adaptive(CoefficientSweep.RangesOf(typeof(TimeAdaptationOptions)), Evaluate, options.Goal,
                options.Points, options.Refinements, progress, cancellationToken);
        }
        finally
        {
            if (owned) baseModel.Dispose();
        }
    }

    /// <summary>The options with a setting's coefficients: "Alpha", or lambdas named by period.</summary>
    internal static TimeAdaptationOptions Apply(TimeAdaptationOptions time, IReadOnlyDictionary<string, double> setting)
    {
        var periods = time.Resolve().Periods;
        foreach (var name in setting.Keys)
            if (name != nameof(TimeAdaptationOptions.Alpha) && !periods.Contains(name))
                throw new ArgumentException($"swept coefficient '{name}' is neither Alpha nor one of the periods ({string.Join(", ", periods)})");
        return setting.TryGetValue(nameof(TimeAdaptationOptions.Alpha), out var alpha)
            ? time.With(alpha: alpha)
            : time.With(lambdas: [.. periods.Select(p => setting.GetValueOrDefault(p))]);
    }
}
