using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.Data;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.TimeVectors;
using MLNetTemporal.Studies.TimeVectors;
using MLNetTemporal.Studies.Corpus;

/// <summary>Trains the 2012 topic classifier, moves it to 2016 by task analogy, and saves both as pipelines.</summary>

internal static class TrainModel
{
    public static void Run(MLContext mlContext, string baseFolder, IReadOnlyList<DatedText> corpus, LabeledSets sets, string taskPath, string movedPath)
    {
        using var baseModel = LanguageModel.Load(baseFolder);
        var train = mlContext.Data.LoadFromEnumerable(sets.Train2012);
        var toKey = mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(train);

        // Deliberately under-trained (25 sentences, 5 steps of 5): with the full recipe the topic task saturates at 100 % in both years.
        var trainer = mlContext.Temporal().ClassifySequences(new SequenceClassificationOptions
        {
            Model = baseModel, Training = new SequenceClassifierTrainingOptions { Epochs = 1, BatchSize = 5 },
        });
        using var task = trainer.Fit(toKey.Transform(train));
        Console.WriteLine($"trained the 2012 topic classifier on {sets.Train2012.Length} labeled sentences");

        using var vectors = SampleTimeVectors.Fit(mlContext, baseModel, corpus, 2012, 2016);
        var analogy = mlContext.Temporal().AdaptClassifierInTime(new TaskAnalogyOptions
        {
            BaseModel = baseModel, TaskModel = task, TimeVectors = vectors, SourcePeriod = "2012", TargetPeriod = "2016",
        });
        var dev = toKey.Transform(mlContext.Data.LoadFromEnumerable(sets.Dev2016));
        var result = analogy.Evaluate(dev);
        var best = result.Best.Setting;
        Console.WriteLine($"2016 dev ({sets.Dev2016.Length} rows): un-updated accuracy {result.UnupdatedAccuracy:P1}, best of {result.Sweep.Table.Count} analogy points " +
            $"{result.Best.Metric:P1} at a1={best["a1"]:0.0} a2={best["a2"]:0.0} a3={best["a3"]:0.0}");
        using var moved = analogy.Build(best["a1"], best["a2"], best["a3"]);

        mlContext.Temporal().SaveModel(new TransformerChain<ITransformer>(toKey, task), train.Schema, taskPath);
        mlContext.Temporal().SaveModel(new TransformerChain<ITransformer>(toKey, moved), train.Schema, movedPath);
        Console.WriteLine($"saved {taskPath} and {movedPath}");
    }
}
