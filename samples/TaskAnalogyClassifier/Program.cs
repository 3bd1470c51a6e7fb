// Task analogy: TrainModel trains a topic classifier on labeled 2012 news, then moves it to 2016 with
// base + a1 tau_task_2012 + a2 tau_LM_2016 - a3 tau_LM_2012, where the LM time vectors come from unlabeled corpus text
// and a small labeled 2016 dev set picks (a1, a2, a3); it saves both classifiers. ConsumeModel loads them and
// evaluates both on held-out 2012 and 2016 test sets.
using Microsoft.ML;
using MLNetTemporal.Data;
using MLNetTemporal.Studies.Pretraining;
using MLNetTemporal.Studies.Corpus;

var report = DefaultModel.Build(new DefaultModelOptions(), new Progress<string>(Console.WriteLine));
var corpus = DatedTextTsv.Read(report.CorpusFile);
// Labeled sentences dated in one year each (topic classes interleaved): 2012 for training and testing, 2016 for dev and test.
var labeled2012 = LabeledNews.Generate(LabeledNewsTask.Topic, perClass: 50, seed: 21, year: 2012);
var labeled2016 = LabeledNews.Generate(LabeledNewsTask.Topic, perClass: 50, seed: 22, year: 2016);
var sets = new LabeledSets(Train2012: [.. labeled2012.Take(25)], Test2012: [.. labeled2012.Skip(150)],
    Dev2016: [.. labeled2016.Take(100)], Test2016: [.. labeled2016.Skip(100)]);
var (taskPath, movedPath) = (Path.Combine(Path.GetTempPath(), "topic-2012.zip"), Path.Combine(Path.GetTempPath(), "topic-2012-moved-to-2016.zip"));
var mlContext = new MLContext(seed: 1);

TrainModel.Run(mlContext, report.ModelFolder, corpus, sets, taskPath, movedPath);
ConsumeModel.Run(mlContext, sets, taskPath, movedPath);

internal sealed record LabeledSets(LabeledText[] Train2012, LabeledText[] Test2012, LabeledText[] Dev2016, LabeledText[] Test2016);
