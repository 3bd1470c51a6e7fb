using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.Data;
using MLNetTemporal.Studies.Corpus;

/// <summary>Loads the saved pipeline and scores held-out 2014 text with it.</summary>

internal static class ConsumeModel
{
    public static void Run(MLContext mlContext, IReadOnlyList<DatedText> corpus, string modelPath)
    {
        var model = mlContext.Temporal().LoadModel(modelPath, out _);
        var rows = DatedRow.Of(corpus, heldOut: true, 2014).ToList();
        var scored = model.Transform(mlContext.Data.LoadFromEnumerable(rows));

        var meanLogLikelihood = scored.GetColumn<float>("LogLikelihood").ToArray();
        var perplexity = scored.GetColumn<float>("Perplexity").ToArray();
        var tokens = scored.GetColumn<int>("TokenCount").ToArray();
        for (int i = 0; i < 3; i++)
            Console.WriteLine($"perplexity {perplexity[i],6:F3}  {rows[i].Text}");
        double corpusPerplexity = Math.Exp(-meanLogLikelihood.Zip(tokens, (m, n) => (double)m * n).Sum() / tokens.Sum());
        Console.WriteLine($"held-out 2014 ({rows.Count} rows, {tokens.Sum():N0} tokens): perplexity {corpusPerplexity:F4} under the 2012/2016 midpoint");
    }
}
