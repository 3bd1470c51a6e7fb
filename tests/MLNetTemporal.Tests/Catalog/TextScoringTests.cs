using FluentAssertions;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.Catalog;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Tests.TestSupport;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;
using MLNetTemporal.Pipeline;
using MLNetTemporal.TextFeatures;

namespace MLNetTemporal.Tests.Catalog;

public class TextScoringTests
{
    private static IDataView Score(LanguageModel model, IDataView data, int batchSize) =>
        new MLContext(seed: 1).Temporal().ScoreText(new TextScoringOptions { Model = model, BatchSize = batchSize })
            .Fit(data).Transform(data);

    [FixtureFact(CatalogData.Fixture)]
    public void ColumnsEqualLanguageModelScore()
    {
        using var model = CatalogData.LoadModel();
        var data = CatalogData.Load(new MLContext());
        var scored = Score(model, data, batchSize: 4);

        var expected = model.Score(CatalogData.Texts, batchSize: 4);
        scored.GetColumn<float>("LogLikelihood").Should().Equal(expected.Select(s => (float)s.MeanLogLikelihood));
        scored.GetColumn<float>("Perplexity").Should().Equal(expected.Select(s => (float)s.Perplexity));
        scored.GetColumn<int>("TokenCount").Should().Equal(expected.Select(s => s.Tokens));
        scored.Schema["LogLikelihood"].Type.Should().Be(NumberDataViewType.Single);
        scored.Schema["TokenCount"].Type.Should().Be(NumberDataViewType.Int32);
    }

    [FixtureFact(CatalogData.Fixture)]
    public void MeanLogLikelihoodMatchesAManualForwardPass()
    {
        using var model = CatalogData.LoadModel();
        const string text = "It was the best of times, it was the worst of times.";
        var data = CatalogData.Load(new MLContext(), [text]);
        float fromColumn = Score(model, data, batchSize: 16).GetColumn<float>("LogLikelihood").Single();

        // Independent of LanguageModel.Score: one unpadded row, log-softmax, the next token's entry summed in C#.
        var ids = model.EncodeWithStart(text, 512);
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var logits = model.Module.call(new CausalLMInput(tensor(ids.Select(i => (long)i).ToArray(), [1, ids.Length]))).Logits!;
        var logProbs = F.log_softmax(logits[0].to(ScalarType.Float64), -1);
        double sum = 0;
        for (int t = 0; t + 1 < ids.Length; t++) sum += logProbs[t, ids[t + 1]].item<double>();
        double mean = sum / (ids.Length - 1);

        ids.Length.Should().BeGreaterThan(5);
        fromColumn.Should().BeApproximately((float)mean, 1e-5f);
    }

    [FixtureFact(CatalogData.Fixture)]
    public void BatchSizeDoesNotChangeTheScores()
    {
        using var model = CatalogData.LoadModel();
        var data = CatalogData.Load(new MLContext());
        var one = Score(model, data, batchSize: 1).GetColumn<float>("LogLikelihood").ToArray();
        var seven = Score(model, data, batchSize: 7).GetColumn<float>("LogLikelihood").ToArray();

        // Padding changes the shapes of the matrix products, hence rounding, but nothing else.
        seven.Should().HaveCount(one.Length);
        for (int i = 0; i < one.Length; i++)
        {
            if (float.IsNaN(one[i])) seven[i].Should().Be(float.NaN);
            else seven[i].Should().BeApproximately(one[i], 1e-5f);
        }
    }

    [FixtureFact(CatalogData.Fixture)]
    public void InputColumnsPassThroughAndRowsAreKept()
    {
        using var model = CatalogData.LoadModel();
        var mlContext = new MLContext();
        var data = CatalogData.Load(mlContext);
        var scored = Score(model, data, batchSize: 3);

        scored.GetRowCount().Should().Be(CatalogData.Texts.Length);
        scored.GetColumn<string>("Text").Should().Equal(CatalogData.Texts);
        scored.GetColumn<float>("Label").Should().Equal(data.GetColumn<float>("Label"));
        // Reading every column together walks the batches alongside the passed-through rows.
        var rows = mlContext.Data.CreateEnumerable<ScoredRow>(scored, reuseRowObject: false).ToList();
        rows.Select(r => r.Text).Should().Equal(CatalogData.Texts);
        rows.Select(r => r.LogLikelihood).Should().Equal(scored.GetColumn<float>("LogLikelihood"));
    }

    [FixtureFact(CatalogData.Fixture)]
    public void EmptyTextScoresNoTokensWithNaNValues()
    {
        using var model = CatalogData.LoadModel();
        var scored = Score(model, CatalogData.Load(new MLContext(), ["", "Hello"]), batchSize: 2);

        scored.GetColumn<int>("TokenCount").Should().Equal(0, model.Tokenizer.Encode("Hello").Length);
        float.IsNaN(scored.GetColumn<float>("LogLikelihood").First()).Should().BeTrue();
        float.IsNaN(scored.GetColumn<float>("Perplexity").First()).Should().BeTrue();
        var ll = scored.GetColumn<float>("LogLikelihood").Last();
        scored.GetColumn<float>("Perplexity").Last().Should().BeApproximately(MathF.Exp(-ll), 1e-3f * MathF.Exp(-ll));
    }

    [FixtureFact(CatalogData.Fixture)]
    public void FlatOverloadLoadsTheFolderAndNamesTheColumns()
    {
        var mlContext = new MLContext();
        var data = CatalogData.Load(mlContext);
        using var transformer = mlContext.Temporal().ScoreText(CatalogData.ModelPath, "Text", "LL", "PPL").Fit(data);
        var scored = transformer.Transform(data);

        using var model = CatalogData.LoadModel();
        scored.GetColumn<float>("LL").Should().Equal(model.Score(CatalogData.Texts, batchSize: 16).Select(s => (float)s.MeanLogLikelihood));
        scored.Schema.GetColumnOrNull("PPL").Should().NotBeNull();
        transformer.IsRowToRowMapper.Should().BeFalse();
        FluentActions.Invoking(() => transformer.GetRowToRowMapper(data.Schema)).Should().Throw<NotSupportedException>().WithMessage("*Transform*");
    }

    private sealed class ScoredRow
    {
        public string Text { get; set; } = "";
        public float Label { get; set; }
        public float LogLikelihood { get; set; }
        public float Perplexity { get; set; }
        public int TokenCount { get; set; }
    }
}
