using Microsoft.ML;
using MLNetTemporal.Studies.Corpus;

/// <summary>Loads the 2012 classifier and its 2016 analogy and evaluates both on test sets of both years.</summary>

internal static class ConsumeModel
{
    public static void Run(MLContext mlContext, LabeledSets sets, string taskPath, string movedPath)
    {
        var models = new[] { ("trained on 2012", taskPath), ("moved to 2016", movedPath) }
            .Select(m => (Name: m.Item1, Model: mlContext.Temporal().LoadModel(m.Item2, out _))).ToList();
        Console.WriteLine($"{"classifier",-18} {"2012 test",10} {"2016 test",10}");
        foreach (var (name, model) in models)
        {
            double Accuracy(LabeledText[] rows) =>
                mlContext.MulticlassClassification.Evaluate(model.Transform(mlContext.Data.LoadFromEnumerable(rows))).MicroAccuracy;
            Console.WriteLine($"{name,-18} {Accuracy(sets.Test2012),10:P1} {Accuracy(sets.Test2016),10:P1}");
        }
    }
}
