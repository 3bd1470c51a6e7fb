using FluentAssertions;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.Catalog;
using Xunit;

namespace MLNetTemporal.Extensibility.Tests.ToyTransformer;

/// <summary>A batched, saveable transform and its estimator written outside the library, used as any of the library's own.</summary>
public sealed class HiddenStateNormPipelineTests
{
    private sealed class Row
    {
        public string Text { get; set; } = "";
    }

    private sealed class Other
    {
        public string Sentence { get; set; } = "";
    }

    [Fact]
    public void Runs_in_batches_inside_an_MLNET_pipeline_and_loads_back_with_identical_outputs()
    {
        var ml = new MLContext(seed: 1);
        using var model = ToyModel.Create();
        var data = ml.Data.LoadFromEnumerable(ToyModel.Sentences.Select(t => new Row { Text = t }));
        var pipeline = new HiddenStateNormEstimator(ml, new HiddenStateNormOptions { Model = model, BatchSize = 2 })
            .Append(ml.Transforms.NormalizeMinMax("ScaledNorm", "StateNorm"));
        var fitted = pipeline.Fit(data);

        var toy = fitted.OfType<HiddenStateNormTransformer>().Single();
        int before = toy.BatchesRun;
        var norms = fitted.Transform(data).GetColumn<float>("StateNorm").ToArray();
        (toy.BatchesRun - before).Should().Be(3, "five rows in batches of two take three model passes");
        var oneByOne = ToyModel.Sentences.Select(t => HiddenStateNormTransformer.Norm(model.Embed([t], -1, LanguageModels.Pooling.Mean)[0]));
        norms.Should().Equal(oneByOne, (a, b) => Math.Abs(a - b) <= 1e-4f * Math.Max(1, Math.Abs(b)), "batching changes no value");
        var scaled = fitted.Transform(data).GetColumn<float>("ScaledNorm").ToArray();
        scaled.Max().Should().Be(1, "the ML.NET normalizer after it saw the added column");

        var path = Path.Combine(Directory.CreateTempSubdirectory("toy-transformer-").FullName, "pipeline.zip");
        try
        {
            ml.Temporal().SaveModel(fitted, data.Schema, path);
            HiddenStateNormTransformer.RegisterLoader();
            var loaded = ml.Temporal().LoadModel(path, out var inputSchema);
            inputSchema.GetColumnOrNull("Text").Should().NotBeNull();
            var again = loaded.Transform(data);
            again.GetColumn<float>("StateNorm").Should().Equal(norms);
            again.GetColumn<float>("ScaledNorm").Should().Equal(scaled);
            (loaded as IDisposable)?.Dispose();
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void The_base_checks_options_when_made_and_the_text_column_at_fit()
    {
        var ml = new MLContext(seed: 1);
        using var model = ToyModel.Create();
        FluentActions.Invoking(() => new HiddenStateNormEstimator(ml, new HiddenStateNormOptions { Model = model, OutputColumnName = " " }))
            .Should().Throw<ArgumentException>().WithMessage("*OutputColumnName*");
        var data = ml.Data.LoadFromEnumerable(new[] { new Other { Sentence = "a" } });
        FluentActions.Invoking(() => new HiddenStateNormEstimator(ml, new HiddenStateNormOptions { Model = model }).Fit(data))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'Text' not found*");
    }
}
