using FluentAssertions;
using Microsoft.ML;
using MLNetTemporal.Catalog;
using MLNetTemporal.Tests.TestSupport;
using MLNetTemporal.Pipeline;
using MLNetTemporal.TextFeatures;

namespace MLNetTemporal.Tests.Catalog;

/// <summary>Estimators and transformers reject a text column that is missing or not text, naming it and both types.</summary>
public class SchemaValidationTests
{
    private sealed class FloatText
    {
        public float Text { get; set; }
    }

    private sealed class NoText
    {
        public string Other { get; set; } = "";
    }

    private static IEnumerable<IEstimator<ITransformer>> Estimators(MLContext mlContext) =>
    [
        mlContext.Temporal().ScoreText(CatalogData.ModelPath),
        mlContext.Temporal().EmbedText(CatalogData.ModelPath),
    ];

    [FixtureFact(CatalogData.Fixture)]
    public void WrongTypeNamesTheColumnAndBothTypes()
    {
        var mlContext = new MLContext();
        var data = mlContext.Data.LoadFromEnumerable([new FloatText { Text = 1 }]);
        foreach (var estimator in Estimators(mlContext))
        {
            estimator.Invoking(e => e.Fit(data)).Should().Throw<ArgumentOutOfRangeException>()
                .WithMessage("*'Text'*Single*String*");
            estimator.Invoking(e => e.GetOutputSchema(SchemaShapes.FromSchema(data.Schema))).Should().Throw<ArgumentOutOfRangeException>()
                .WithMessage("*'Text'*Single*String*");
        }
    }

    [FixtureFact(CatalogData.Fixture)]
    public void MissingColumnIsNamed()
    {
        var mlContext = new MLContext();
        var data = mlContext.Data.LoadFromEnumerable([new NoText { Other = "a" }]);
        foreach (var estimator in Estimators(mlContext))
        {
            estimator.Invoking(e => e.Fit(data)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'Text' not found*String*");
            estimator.Invoking(e => e.GetOutputSchema(SchemaShapes.FromSchema(data.Schema))).Should().Throw<ArgumentOutOfRangeException>()
                .WithMessage("*'Text' not found*String*");
        }
    }

    [FixtureFact(CatalogData.Fixture)]
    public void FittedTransformerChecksTheDataItIsGiven()
    {
        var mlContext = new MLContext();
        using var transformer = mlContext.Temporal().ScoreText(CatalogData.ModelPath).Fit(CatalogData.Load(mlContext));
        var wrong = mlContext.Data.LoadFromEnumerable([new FloatText { Text = 1 }]);
        transformer.Invoking(t => t.Transform(wrong)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'Text'*Single*String*");
        transformer.Invoking(t => t.GetOutputSchema(wrong.Schema)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'Text'*Single*String*");
    }

    [FixtureFact(CatalogData.Fixture)]
    public void OutputSchemaShapeAddsTheColumnsToTheInput()
    {
        var mlContext = new MLContext();
        var shape = SchemaShapes.FromSchema(CatalogData.Load(mlContext).Schema);
        var scored = mlContext.Temporal().ScoreText(CatalogData.ModelPath).GetOutputSchema(shape);
        scored.Select(c => c.Name).Should().Equal("Text", "Label", "LogLikelihood", "Perplexity", "TokenCount");

        // Downstream ML.NET estimators accept the promised columns.
        var chained = mlContext.Temporal().EmbedText(CatalogData.ModelPath)
            .Append(mlContext.Transforms.Concatenate("Features", "Embedding", "Label"))
            .GetOutputSchema(shape);
        var features = chained.Single(c => c.Name == "Features");
        features.Kind.Should().Be(SchemaShape.Column.VectorKind.Vector);
        features.ItemType.Should().Be(Microsoft.ML.Data.NumberDataViewType.Single);
    }

    [FixtureFact(CatalogData.Fixture)]
    public void InvalidOptionsAreRejectedWhenTheEstimatorIsMade()
    {
        var catalog = new MLContext().Temporal();
        catalog.Invoking(c => c.ScoreText(new TextScoringOptions())).Should().Throw<ArgumentException>().WithMessage("*ModelPath*Model*");
        catalog.Invoking(c => c.ScoreText(new TextScoringOptions { ModelPath = CatalogData.ModelPath, BatchSize = 0 }))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*BatchSize*");
        catalog.Invoking(c => c.EmbedText(CatalogData.ModelPath, layer: 5)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*0..4*");
    }
}
