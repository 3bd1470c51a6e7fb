// Does the default model's hidden state encode when a person was born or an event took place?
// One ML.NET pipeline: capture the residual stream after a block -> ridge probe -> evaluate on held-out entities.
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.Studies.Pretraining;
using MLNetTemporal.Numerics;
using MLNetTemporal.Probing;
using MLNetTemporal.Studies.Probing;
using MLNetTemporal.Pipeline;

MLNetTemporal.Runtime.TorchNativeLoader.EnsureLoaded();
var modelFolder = args.Length > 0 ? args[0] : DefaultModel.Build(new DefaultModelOptions(), new Progress<string>(Console.WriteLine)).ModelFolder;
int layer = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2;

var mlContext = new MLContext(seed: 42);
var entities = BuiltInProbeData.Entities(ProbeTarget.Time);
var rows = entities.Rows.Select(r => new EntityRow { Name = r.Entity, Year = (float)r.Target[0], IsTest = r.IsTest }).ToList();
var train = mlContext.Data.LoadFromEnumerable(rows.Where(r => !r.IsTest));
var test = mlContext.Data.LoadFromEnumerable(rows.Where(r => r.IsTest));

var pipeline = mlContext.Temporal()
    .CaptureActivations(new ActivationCaptureOptions { ModelPath = modelFolder, InputColumnName = "Name", Layers = $"{layer}", OutputColumnName = "Features" })
    .Append(mlContext.Temporal().RidgeProbe(labelColumnName: "Year"));
var model = pipeline.Fit(train);
var predictions = model.Transform(test);

var metrics = mlContext.Regression.Evaluate(predictions, labelColumnName: "Year");
var truth = predictions.GetColumn<float>("Year").Select(v => (double)v).ToArray();
var predicted = predictions.GetColumn<float>("Score").Select(v => (double)v).ToArray();
var probe = (RidgeProbeModel)model.LastTransformer.Probe;
Console.WriteLine($"{rows.Count(r => !r.IsTest)} train / {truth.Length} test entities, layer {layer}, alpha {probe.Alpha:G3} (leave-one-out)");
Console.WriteLine($"test R^2 {metrics.RSquared:F3}, MAE {metrics.MeanAbsoluteError:F1} years, Spearman {Statistics.Spearman(truth, predicted):F3}, " +
    $"proximity error {ProbeMetrics.ProximityError(truth, predicted, (a, b) => Math.Abs(a - b)):F3}");
foreach (var (name, year, guess) in predictions.GetColumn<string>("Name").Zip(truth, predicted).Take(8))
    Console.WriteLine($"  {name,-28} {year,6:F0}  predicted {guess,7:F1}");

mlContext.Temporal().SaveModel(model, train.Schema, "year-probe.zip");
Console.WriteLine("saved the pipeline to year-probe.zip (load it with mlContext.Temporal().LoadModel)");

internal sealed class EntityRow
{
    public string Name { get; set; } = "";
    public float Year { get; set; }
    public bool IsTest { get; set; }
}
