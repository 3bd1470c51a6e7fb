using Microsoft.ML;
using MLNetTemporal.Catalog;
using MLNetTemporal.Data;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.TimeVectors;
using MLNetTemporal.Studies.Corpus;
using MLNetTemporal.Studies.TimeVectors;
using MLNetTemporal.Pipeline;
using MLNetTemporal.TextFeatures;

/// <summary>Sweeps alpha of base + alpha tau_2012 + (1 - alpha) tau_2016 on 2014 validation rows and saves the best as a pipeline.</summary>

internal static class TrainModel
{
    public static void Run(MLContext mlContext, string baseFolder, IReadOnlyList<DatedText> corpus, IReadOnlyList<DatedRow> validation, string modelPath)
    {
        using var baseModel = LanguageModel.Load(baseFolder);
        using var vectors = SampleTimeVectors.Fit(mlContext, baseModel, corpus, 2012, 2016);
        var time = new TimeAdaptationOptions { TimeVectors = vectors, Periods = ["2012", "2016"] };
        var validationData = mlContext.Data.LoadFromEnumerable(validation);

        // The [Range(0, 1)] of Alpha in 11 points, then one refinement around the best with half the step.
        var sweep = mlContext.Temporal().SweepTimeAdaptation(new TextScoringOptions { Model = baseModel }, time, validationData,
            new TimeAdaptationSweepOptions { Refinements = 1 });
        Console.WriteLine($"2014 validation ({validation.Count} rows): perplexity by alpha (weight of 2012)");
        foreach (var point in sweep.Table.OrderBy(p => p.Setting["Alpha"]))
            Console.WriteLine($"  alpha {point.Setting["Alpha"],5:0.00}  {point.Metric:F4}{(point == sweep.Best ? "  <- best" : "")}");

        var alpha = sweep.Best.Setting["Alpha"];
        var model = mlContext.Temporal().ScoreTextInTime(baseModel, vectors, time.Periods, alpha).Fit(validationData);
        mlContext.Temporal().SaveModel(model, validationData.Schema, modelPath);
        Console.WriteLine($"saved the scoring pipeline at alpha {alpha:0.00} to {modelPath}");
    }
}
