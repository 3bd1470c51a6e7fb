using FluentAssertions;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.Catalog;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Tests.TestSupport;
using Xunit;
using MLNetTemporal.Pipeline;
using MLNetTemporal.TextFeatures;

namespace MLNetTemporal.Tests.Catalog;

public class TextEmbeddingTests
{
    public static IEnumerable<object[]> LayersAndPoolings() =>
        from layer in new[] { -1, 2 } from pooling in new[] { Pooling.LastToken, Pooling.Mean } select new object[] { layer, pooling };

    [FixtureTheory(CatalogData.Fixture)]
    [MemberData(nameof(LayersAndPoolings))]
    public void VectorsEqualLanguageModelEmbed(int layer, Pooling pooling)
    {
        using var model = CatalogData.LoadModel();
        var mlContext = new MLContext();
        var data = CatalogData.Load(mlContext);
        var options = new TextEmbeddingOptions { Model = model, Layer = layer, Pooling = pooling, BatchSize = 4 };
        var embedded = mlContext.Temporal().EmbedText(options).Fit(data).Transform(data);

        embedded.Schema["Embedding"].Type.Should().Be(new VectorDataViewType(NumberDataViewType.Single, model.Config.HiddenSize));
        var actual = embedded.GetColumn<float[]>("Embedding").ToArray();
        var expected = model.Embed(CatalogData.Texts, layer, pooling, batchSize: 4);
        actual.Should().HaveCount(expected.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            actual[i].Should().HaveCount(model.Config.HiddenSize);
            actual[i].Should().Equal(expected[i]);
        }
    }

    [FixtureFact(CatalogData.Fixture)]
    public void LayersGiveDifferentVectors()
    {
        var mlContext = new MLContext();
        var data = CatalogData.Load(mlContext);
        var final = mlContext.Temporal().EmbedText(CatalogData.ModelPath).Fit(data).Transform(data).GetColumn<float[]>("Embedding").First();
        var first = mlContext.Temporal().EmbedText(CatalogData.ModelPath, layer: 0).Fit(data).Transform(data).GetColumn<float[]>("Embedding").First();
        first.Should().NotEqual(final);
    }

    [FixtureFact(CatalogData.Fixture)]
    public void EmbeddingsFeedAnMLNetTrainer()
    {
        var mlContext = new MLContext(seed: 3);
        string[] pets = ["my cat sleeps", "the dog barks", "a kitten plays", "the puppy runs", "cats and dogs", "my dog eats", "the cat purrs", "a dog sits", "pets at home", "the kitten naps"];
        string[] markets = ["stocks fell today", "bond yields rose", "the market closed", "shares gained", "prices of oil rose", "the index dropped", "stocks rallied", "bonds sold off", "markets were calm", "trading was thin"];
        var rows = pets.Select(t => new LabelledRow { Text = t, Topic = "pets" }).Concat(markets.Select(t => new LabelledRow { Text = t, Topic = "markets" })).ToList();
        var data = mlContext.Data.LoadFromEnumerable(rows);

        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label", "Topic")
            .Append(mlContext.Temporal().EmbedText(CatalogData.ModelPath, pooling: Pooling.Mean))
            .Append(mlContext.Transforms.Concatenate("Features", "Embedding"))
            .Append(mlContext.Transforms.NormalizeMinMax("Features"))
            .Append(mlContext.MulticlassClassification.Trainers.SdcaMaximumEntropy(maximumNumberOfIterations: 200));
        var model = pipeline.Fit(data);
        var metrics = mlContext.MulticlassClassification.Evaluate(model.Transform(data));

        // 20 points in 32 dimensions are separable; the check is that the features reach the trainer intact.
        metrics.MicroAccuracy.Should().BeGreaterThanOrEqualTo(0.9);
        model.Transform(data).Schema["Features"].Type.Should().Be(new VectorDataViewType(NumberDataViewType.Single, 32));
    }

    private sealed class LabelledRow
    {
        public string Text { get; set; } = "";
        public string Topic { get; set; } = "";
    }
}
