using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.Data;
using MLNetTemporal.Studies.Corpus;
using MLNetTemporal.TextFeatures;

/// <summary>Loads the saved pipeline and scores held-out 2014 text with it.</summary>

internal static class ConsumeModel
{
    public static void Run(MLContext mlContext, IReadOnlyList<DatedText> corpus, string modelPath)
    {
        var model = mlContext.Temporal().LoadModel(modelPath, out _);
        var rows = DatedRow.HeldOut(corpus, 2014);
        var scored = model.Transform(mlContext.Data.LoadFromEnumerable(rows));

        var perplexity = scored.GetColumn<float>("Perplexity").ToArray();
        for (int i = 0; i < 3; i++)
            Console.WriteLine($"perplexity {perplexity[i],6:F3}  {rows[i].Text}");
        var loss = ScoredTexts.Loss(scored);
        Console.WriteLine($"held-out 2014 ({rows.Count} rows, {loss.Tokens:N0} tokens): perplexity {loss.Perplexity:F4} under the 2012/2016 midpoint");
    }
}
