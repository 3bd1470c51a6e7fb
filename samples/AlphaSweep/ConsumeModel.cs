using Microsoft.ML;
using MLNetTemporal.TextFeatures;

/// <summary>Loads the pipeline at the best alpha and scores 2014 rows it was not chosen on.</summary>

internal static class ConsumeModel
{
    public static void Run(MLContext mlContext, IReadOnlyList<DatedRow> test, string modelPath)
    {
        var model = mlContext.Temporal().LoadModel(modelPath, out _);
        var scored = model.Transform(mlContext.Data.LoadFromEnumerable(test));
        var loss = ScoredTexts.Loss(scored);
        Console.WriteLine($"2014 test ({test.Count} rows, {loss.Tokens:N0} tokens): perplexity {loss.Perplexity:F4} at the swept alpha");
    }
}
