using FluentAssertions;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.Catalog;
using MLNetTemporal.Probing;
using MLNetTemporal.Tests.Catalog;
using MLNetTemporal.Tests.TestSupport;
using Xunit;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.Tests.Probing;

public class ProbePipelineTests
{
    private sealed class Row
    {
        public string Name { get; set; } = "";
        public float Year { get; set; }
    }

    private static readonly Row[] Rows = Enumerable.Range(0, 24).Select(i => new Row { Name = $"entity number {i} of the list", Year = 1900 + 4 * i }).ToArray();

    [FixtureFact(CatalogData.Fixture)]
    public void CaptureRidgeEvaluateSaveAndReload()
    {
        using var model = CatalogData.LoadModel();
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rows);
        var pipeline = ml.Temporal().CaptureActivations(new ActivationCaptureOptions { Model = model, InputColumnName = "Name", Layers = "1", OutputColumnName = "Features", BatchSize = 5 })
            .Append(ml.Temporal().RidgeProbe(labelColumnName: "Year"));
        var schema = pipeline.GetOutputSchema(SchemaShapes.FromSchema(data.Schema));
        schema.Should().Contain(c => c.Name == "Score");

        var fitted = pipeline.Fit(data);
        var scored = fitted.Transform(data);
        scored.Schema["Features"].Type.Should().Be(new VectorDataViewType(NumberDataViewType.Single, model.Config.HiddenSize));
        var scores = scored.GetColumn<float>("Score").ToArray();
        var features = scored.GetColumn<float[]>("Features").ToArray();
        var probe = fitted.LastTransformer.Probe;
        for (int i = 0; i < Rows.Length; i++) scores[i].Should().BeApproximately((float)probe.Predict(features[i])[0], 1e-3f);
        // ML.NET's own regression evaluator reads the Score column.
        ml.Regression.Evaluate(scored, "Year").RSquared.Should().BeApproximately(ProbeMetrics.RSquared(Rows.Select(r => (double)r.Year).ToArray(), scores.Select(s => (double)s).ToArray()), 1e-4);

        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "probe.zip");
        ml.Temporal().SaveModel(fitted, data.Schema, path);
        var loaded = ml.Temporal().LoadModel(path, out _);
        loaded.Transform(data).GetColumn<float>("Score").Should().Equal(scores, (a, b) => Math.Abs(a - b) < 1e-3f);
    }

    [FixtureFact(CatalogData.Fixture)]
    public void CaptureAddsAColumnPerLayer()
    {
        using var model = CatalogData.LoadModel();
        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable(Rows.Take(3));
        var captured = ml.Temporal().CaptureActivations(model, "Name", layers: "0-1").Fit(data).Transform(data);
        captured.Schema.GetColumnOrNull("Layer0").Should().NotBeNull();
        captured.Schema.GetColumnOrNull("Layer1").Should().NotBeNull();
        captured.GetColumn<float[]>("Layer0").First().Should().NotEqual(captured.GetColumn<float[]>("Layer1").First());
        FluentActions.Invoking(() => ml.Temporal().CaptureActivations(model, "Name", layers: "99")).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*layer 99*");
        FluentActions.Invoking(() => ml.Temporal().CaptureActivations(model, "Year").Fit(data)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'Year'*");
    }

    [Fact]
    public void MlpProbeLearnsANonlinearTargetThatRidgeCannot()
    {
        var random = new Random(5);
        var features = Enumerable.Range(0, 400).Select(_ => Enumerable.Range(0, 3).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray()).ToList();
        var targets = features.Select(f => new double[] { Math.Abs(f[0]) * 10 }).ToList();
        var (train, test) = (features.Take(320).ToList(), features.Skip(320).ToList());
        var truth = targets.Skip(320).ToArray();
        var mlp = MlpProbe.Fit(train, targets.Take(320).ToList(), new MlpProbeOptions { MaxEpochs = 200, BatchSize = 32, LearningRate = 1e-2, Patience = 10 });
        var ridge = RidgeProbe.Fit(train, targets.Take(320).ToList());
        var mlpR2 = ProbeMetrics.Evaluate(ProbeTarget.Time, truth, mlp.Predict(test)).RSquared;
        var ridgeR2 = ProbeMetrics.Evaluate(ProbeTarget.Time, truth, ridge.Predict(test)).RSquared;
        mlpR2.Should().BeGreaterThan(0.8);
        ridgeR2.Should().BeLessThan(0.2);
        new MlpProbeOptions().WeightDecays.Should().Contain(mlp.WeightDecay);
    }

    [Fact]
    public void TrainerRejectsMissingTargetsAndWrongColumns()
    {
        var ml = new MLContext();
        var rows = new[] { new Labeled { Label = 1, Features = [1, 2] }, new Labeled { Label = float.NaN, Features = [2, 3] }, new Labeled { Label = 3, Features = [3, 1] } };
        var data = ml.Data.LoadFromEnumerable(rows, Labeled.Schema());
        FluentActions.Invoking(() => ml.Temporal().RidgeProbe().Fit(data)).Should().Throw<InvalidDataException>().WithMessage("row 1: column 'Label'*");
        FluentActions.Invoking(() => ml.Temporal().RidgeProbe(featureColumnName: "Nope").Fit(data)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Features column 'Nope' not found*");
        FluentActions.Invoking(() => ml.Temporal().RidgeProbe(featureColumnName: "Label").Fit(data)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'Label' has type Single*");
        var empty = ml.Data.LoadFromEnumerable(Array.Empty<Labeled>(), Labeled.Schema());
        FluentActions.Invoking(() => ml.Temporal().RidgeProbe().Fit(empty)).Should().Throw<InvalidDataException>().WithMessage("*no rows*");
    }

    private sealed class Labeled
    {
        public float Label { get; set; }
        public float[] Features { get; set; } = [];

        public static SchemaDefinition Schema()
        {
            var schema = SchemaDefinition.Create(typeof(Labeled));
            schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 2);
            return schema;
        }
    }
}
