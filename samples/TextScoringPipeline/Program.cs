// Scores dated text with the built-in default language model and learns to date a sentence from its embedding,
// in one ML.NET pipeline that is saved to a single file and loaded back.
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.Data;
using MLNetTemporal.Studies.Pretraining;

var report = DefaultModel.Build(new DefaultModelOptions(), new Progress<string>(Console.WriteLine));
var rows = DatedTextTsv.Read(report.CorpusFile)
    .Where((_, i) => i % 20 == 0)
    .Select(r => new Sentence { Text = r.Text, Year = r.Date.Year + (r.Date.Month - 1) / 12f })
    .ToList();

var mlContext = new MLContext(seed: 1);
var data = mlContext.Data.LoadFromEnumerable(rows);
var split = mlContext.Data.TrainTestSplit(data, testFraction: 0.2, seed: 1);

var pipeline = mlContext.Temporal().ScoreText(report.ModelFolder)
    .Append(mlContext.Temporal().EmbedText(report.ModelFolder, layer: 2, pooling: MLNetTemporal.LanguageModels.Pooling.Mean))
    .Append(mlContext.Transforms.NormalizeMeanVariance("Features", "Embedding"))
    .Append(mlContext.Regression.Trainers.Sdca(labelColumnName: "Year", featureColumnName: "Features"));
var model = pipeline.Fit(split.TrainSet);

var metrics = mlContext.Regression.Evaluate(model.Transform(split.TestSet), labelColumnName: "Year");
Console.WriteLine($"dating sentences from layer-2 embeddings: R^2 {metrics.RSquared:F3}, MAE {metrics.MeanAbsoluteError:F2} years");

var path = Path.Combine(Path.GetTempPath(), "text-scoring-pipeline.zip");
mlContext.Temporal().SaveModel(model, data.Schema, path);
var loaded = mlContext.Temporal().LoadModel(path, out _);
var scored = mlContext.Data.CreateEnumerable<ScoredSentence>(loaded.Transform(split.TestSet), reuseRowObject: false).Take(5);
foreach (var s in scored)
    Console.WriteLine($"{s.Year,8:F2} predicted {s.Score,8:F2}  perplexity {s.Perplexity,7:F2}  {s.Text}");

public sealed class Sentence
{
    public string Text { get; set; } = "";
    public float Year { get; set; }
}

public sealed class ScoredSentence
{
    public string Text { get; set; } = "";
    public float Year { get; set; }
    public float Score { get; set; }
    public float Perplexity { get; set; }
}
