using Microsoft.ML;
using Microsoft.ML.Data;

/// <summary>Loads the pipeline at the best alpha and scores 2014 rows it was not chosen on.</summary>

internal static class ConsumeModel
{
    public static void Run(MLContext mlContext, IReadOnlyList<DatedRow> test, string modelPath)
    {
        var model = mlContext.Temporal().LoadModel(modelPath, out _);
        var scored = model.Transform(mlContext.Data.LoadFromEnumerable(test));
        var meanLogLikelihood = scored.GetColumn<float>("LogLikelihood").ToArray();
        var tokens = scored.GetColumn<int>("TokenCount").ToArray();
        double perplexity = Math.Exp(-meanLogLikelihood.Zip(tokens, (m, n) => (double)m * n).Sum() / tokens.Sum());
        Console.WriteLine($"2014 test ({test.Count} rows, {tokens.Sum():N0} tokens): perplexity {perplexity:F4} at the swept alpha");
    }
}
