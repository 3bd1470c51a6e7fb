// An alpha sweep for a year between two time vectors: TrainModel fits 2012 and 2016 time vectors on the built-in
// corpus, sweeps alpha on half of 2014's held-out rows, and saves a scoring pipeline at the best alpha;
// ConsumeModel loads it and scores the other half.
using Microsoft.ML;
using MLNetTemporal.Data;
using MLNetTemporal.Studies.Pretraining;

var report = DefaultModel.Build(new DefaultModelOptions(), new Progress<string>(Console.WriteLine));
var corpus = DatedTextTsv.Read(report.CorpusFile);
var heldOut2014 = DatedRow.HeldOut(corpus, 2014);
var (validation, test) = (heldOut2014.Where((_, i) => i % 2 == 0).ToList(), heldOut2014.Where((_, i) => i % 2 == 1).ToList());
var modelPath = Path.Combine(Path.GetTempPath(), "alpha-sweep.zip");
var mlContext = new MLContext(seed: 1);

TrainModel.Run(mlContext, report.ModelFolder, corpus, validation, modelPath);
ConsumeModel.Run(mlContext, test, modelPath);
