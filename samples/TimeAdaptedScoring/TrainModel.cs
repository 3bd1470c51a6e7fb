using Microsoft.ML;
using MLNetTemporal.Data;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Studies.Corpus;

/// <summary>Fits the 2012 and 2016 time vectors and saves a pipeline that scores text halfway between them.</summary>

internal static class TrainModel
{
    public static void Run(MLContext mlContext, string baseFolder, IReadOnlyList<DatedText> corpus, string modelPath)
    {
        using var baseModel = LanguageModel.Load(baseFolder);
        using var vectors = SampleTimeVectors.Fit(mlContext, baseModel, corpus, 2012, 2016);

        var pipeline = mlContext.Temporal().ScoreTextInTime(baseModel, vectors, ["2012", "2016"], alpha: 0.5)
            .Append(mlContext.Transforms.Concatenate("Features", "LogLikelihood", "Perplexity"));
        var training = mlContext.Data.LoadFromEnumerable(DatedRow.Of(corpus, 2012, 2016));
        var model = pipeline.Fit(training);
        mlContext.Temporal().SaveModel(model, training.Schema, modelPath);
        Console.WriteLine($"saved the pipeline (base + 0.5 tau_2012 + 0.5 tau_2016) to {modelPath}");
    }
}
