// Time-adapted perplexity scoring in an ML.NET pipeline: TrainModel fits 2012 and 2016 time vectors on the built-in
// corpus and saves a pipeline scoring text under base + 0.5 tau_2012 + 0.5 tau_2016; ConsumeModel loads it and
// scores held-out 2014 text.
using Microsoft.ML;
using MLNetTemporal.Data;
using MLNetTemporal.Studies.Pretraining;

var report = DefaultModel.Build(new DefaultModelOptions(), new Progress<string>(Console.WriteLine));
var corpus = DatedTextTsv.Read(report.CorpusFile);
var modelPath = Path.Combine(Path.GetTempPath(), "time-adapted-scoring.zip");
var mlContext = new MLContext(seed: 1);

TrainModel.Run(mlContext, report.ModelFolder, corpus, modelPath);
ConsumeModel.Run(mlContext, corpus, modelPath);
