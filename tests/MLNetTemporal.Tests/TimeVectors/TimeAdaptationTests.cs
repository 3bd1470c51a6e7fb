using FluentAssertions;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Tests.TestSupport;
using MLNetTemporal.TimeVectors;
using MLNetTemporal.Training;
using MLNetTemporal.WeightSpace;
using Xunit;
using static MLNetTemporal.Tests.WeightSpace.WeightSpaceModels;
using MLNetTemporal.Pipeline;
using MLNetTemporal.TextFeatures;

namespace MLNetTemporal.Tests.TimeVectors;

public sealed class TimeAdaptationTests
{
    private static readonly LanguageModelTrainingOptions Quick = new() { BlockSize = 16, BatchSize = 2, MaxSteps = 2, Seed = 5 };
    private static readonly string[] Probe = ["the market rose in spring", "shares fell after the vote", "", "the election came"];

    public sealed class DatedRow
    {
        public string Text { get; set; } = "";
        public string Date { get; set; } = "";
    }

    private static IDataView Dated(MLContext ml, params string[] years) => ml.Data.LoadFromEnumerable(
        years.SelectMany(y => Enumerable.Range(0, 20).Select(i => new DatedRow
        {
            Text = y == "2012" ? $"the market rose {i} times in spring" : $"shares fell {i} times after the vote",
            Date = $"{y}-{1 + i % 12:D2}",
        })).ToList());

    private static IDataView Texts(MLContext ml) => ml.Data.LoadFromEnumerable(Probe.Select(t => new DatedRow { Text = t, Date = "2012" }).ToList());

    private static float[] Column(IDataView data, string name) => data.GetColumn<float>(name).ToArray();

    [Fact]
    public void The_estimator_fits_the_same_vectors_as_the_fitting_of_grouped_periods()
    {
        var ml = new MLContext(1);
        using var baseModel = Model(1);
        var data = Dated(ml, "2012", "2013");
        using var set = ml.Temporal().FitTimeVectors(new TimeVectorEstimatorOptions { Model = baseModel, Training = Quick }).Fit(data);
        var rows = TimeVectorEstimator.ReadRows(data, "Text", "Date");
        using var expected = TimeVectorFitting.Fit(baseModel, PeriodTexts.Group(rows, TimeGranularity.Year), Quick);
        set.Periods.Should().Equal("2012", "2013");
        foreach (var p in set.Periods)
            foreach (var name in set[p].Names)
                TensorAssert.Identical(set[p][name], expected[p][name]).Should().BeTrue($"{p} {name}");
        FluentActions.Invoking(() => ml.Temporal().FitTimeVectors(baseModel, dateColumnName: "When").Fit(data))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'When' not found*");
        FluentActions.Invoking(() => ml.Temporal().FitTimeVectors(new TimeVectorEstimatorOptions { Model = baseModel, Periods = ["2014"] }).Fit(data))
            .Should().Throw<InvalidDataException>().WithMessage("*period 2014 has no rows*");
    }

    [Fact]
    public void Alpha_one_scores_exactly_like_the_fine_tuned_model_and_alpha_zero_like_the_other_endpoint()
    {
        var ml = new MLContext(1);
        using var baseModel = Model(2);
        using var set = ml.Temporal().FitTimeVectors(new TimeVectorEstimatorOptions { Model = baseModel, Training = Quick }).Fit(Dated(ml, "2012", "2013"));
        var texts = Texts(ml);
        using var ft2012 = ModelWeights.Apply(baseModel, set["2012"]);
        using var ft2013 = ModelWeights.Apply(baseModel, set["2013"]);
        var want2012 = Column(ml.Temporal().ScoreText(ft2012).Fit(texts).Transform(texts), "LogLikelihood");
        var want2013 = Column(ml.Temporal().ScoreText(ft2013).Fit(texts).Transform(texts), "LogLikelihood");
        using (var one = ml.Temporal().ScoreTextInTime(baseModel, set, ["2012", "2013"], alpha: 1).Fit(texts))
            Column(one.Transform(texts), "LogLikelihood").Should().Equal(want2012);
        using (var zero = ml.Temporal().ScoreTextInTime(baseModel, set, ["2012", "2013"], alpha: 0).Fit(texts))
            Column(zero.Transform(texts), "LogLikelihood").Should().Equal(want2013);
        using var half = ml.Temporal().ScoreTextInTime(baseModel, set, ["2012", "2013"], alpha: 0.5).Fit(texts);
        using var manual = ModelWeights.Apply(baseModel, [set["2012"], set["2013"]], [0.5, 0.5]);
        var halfScores = Column(half.Transform(texts), "LogLikelihood");
        halfScores.Should().NotEqual(want2012).And.NotEqual(want2013);
        for (int i = 0; i < Probe.Length; i++)
            if (Probe[i].Length > 0) halfScores[i].Should().BeApproximately((float)manual.Score([Probe[i]])[0].MeanLogLikelihood, 1e-5f);
        half.Transform(texts).Schema.Select(c => c.Name).Should().Equal("Text", "Date", "LogLikelihood", "Perplexity", "TokenCount");
    }

    [Fact]
    public void Embedding_under_a_time_adapted_model_equals_embedding_under_the_applied_model()
    {
        var ml = new MLContext(1);
        using var baseModel = Model(3);
        using var set = ml.Temporal().FitTimeVectors(new TimeVectorEstimatorOptions { Model = baseModel, Training = Quick }).Fit(Dated(ml, "2012"));
        var texts = Texts(ml);
        using var adapted = ml.Temporal().EmbedTextInTime(new TextEmbeddingOptions { Model = baseModel, Pooling = Pooling.Mean },
            new TimeAdaptationOptions { TimeVectors = set, Alpha = 0.7 }).Fit(texts);
        using var manual = ModelWeights.Apply(baseModel, set["2012"], 0.7);
        var got = adapted.Transform(texts).GetColumn<VBuffer<float>>("Embedding").Select(v => v.DenseValues().ToArray()).ToArray();
        var want = manual.Embed(Probe, -1, Pooling.Mean);
        for (int i = 0; i < Probe.Length; i++) got[i].Should().BeEquivalentTo(want[i], o => o.WithStrictOrdering());
    }

    [Fact]
    public void A_saved_pipeline_with_a_time_adapted_step_loads_and_gives_identical_scores()
    {
        using var folder = new TempFolder();
        var ml = new MLContext(1);
        using var baseModel = Model(4);
        using var set = ml.Temporal().FitTimeVectors(new TimeVectorEstimatorOptions { Model = baseModel, Training = Quick }).Fit(Dated(ml, "2012", "2013"));
        var texts = Texts(ml);
        var pipeline = ml.Temporal().ScoreTextInTime(baseModel, set, ["2012", "2013"], alpha: 0.3)
            .Append(ml.Transforms.Concatenate("Features", "LogLikelihood", "Perplexity"));
        var fitted = pipeline.Fit(texts);
        ml.Temporal().SaveModel(fitted, texts.Schema, folder.File("p.zip"));
        var loaded = ml.Temporal().LoadModel(folder.File("p.zip"), out _);
        var step = ((IEnumerable<ITransformer>)loaded).OfType<TimeAdaptedTransformer>().Single();
        step.Coefficients.Should().Equal(0.3, 0.7);
        step.Periods.Should().Equal("2012", "2013");
        Column(loaded.Transform(texts), "LogLikelihood").Should().Equal(Column(fitted.Transform(texts), "LogLikelihood"));
        SameWeights(step.AdaptedModel, ((IEnumerable<ITransformer>)fitted).OfType<TimeAdaptedTransformer>().Single().AdaptedModel).Should().BeTrue();
    }

    [Fact]
    public void Alpha_carries_a_search_space_range_and_bad_coefficients_are_named()
    {
        CoefficientSweep.RangesOf(typeof(TimeAdaptationOptions)).Should().Equal(new CoefficientRange("Alpha", 0, 1, 0.5));
        using var baseModel = Model(1);
        using var set = new TimeVectorSet(ModelWeights.Hash(baseModel));
        var ml = new MLContext(1);
        FluentActions.Invoking(() => ml.Temporal().ScoreTextInTime(baseModel, set, ["2012"], 0.5))
            .Should().Throw<ArgumentException>().WithMessage("*period '2012' has no time vector*");
    }
}
