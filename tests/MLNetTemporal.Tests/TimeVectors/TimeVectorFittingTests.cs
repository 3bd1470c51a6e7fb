using FluentAssertions;
using MLNetTemporal.Data;
using MLNetTemporal.Tests.TestSupport;
using MLNetTemporal.TimeVectors;
using MLNetTemporal.Training;
using MLNetTemporal.WeightSpace;
using Xunit;
using static MLNetTemporal.Tests.WeightSpace.WeightSpaceModels;
using MLNetTemporal.Studies.Corpus;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Studies.TimeVectors;

namespace MLNetTemporal.Tests.TimeVectors;

public sealed class TimeVectorFittingTests
{
    private static readonly LanguageModelTrainingOptions Quick = new() { BlockSize = 16, BatchSize = 2, MaxSteps = 2, Seed = 5 };

    private static IReadOnlyList<PeriodTexts> Periods(params string[] years) => PeriodTexts.Group(
        years.SelectMany(y => Enumerable.Range(0, 20).Select(i => (new Period(int.Parse(y), 1 + i % 12), $"in {y} the market rose {i} times after the vote"))),
        TimeGranularity.Year, years);

    [Fact]
    public void A_saved_and_loaded_set_gives_identical_vectors_and_models()
    {
        using var folder = new TempFolder();
        using var baseModel = Model(1);
        using var set = TimeVectorFitting.Fit(baseModel, Periods("2012", "2013"), Quick);
        set.Periods.Should().Equal("2012", "2013");
        set["2012"].Metadata.Rows.Should().Be(18);
        set.Save(folder.File("set"));
        using var loaded = TimeVectorSet.Load(folder.File("set"));
        loaded.BaseHash.Should().Be(ModelWeights.Hash(baseModel));
        foreach (var period in set.Periods)
            foreach (var name in set[period].Names)
                TensorAssert.Identical(loaded[period][name], set[period][name]).Should().BeTrue($"{period} {name}");
        using var a = ModelWeights.Apply(baseModel, [set["2012"], set["2013"]], [0.4, 0.6]);
        using var b = ModelWeights.Apply(baseModel, [loaded["2012"], loaded["2013"]], [0.4, 0.6]);
        SameWeights(a, b).Should().BeTrue();
        a.Score(["the market rose"])[0].LogLikelihood.Should().Be(b.Score(["the market rose"])[0].LogLikelihood);
    }

    [Fact]
    public void An_interrupted_fit_resumes_without_redoing_finished_periods()
    {
        using var folder = new TempFolder();
        using var baseModel = Model(1);
        using (var first = TimeVectorFitting.Fit(baseModel, Periods("2012"), Quick, folder.Path)) { }
        var written = File.GetLastWriteTimeUtc(TimeVectorSet.FileOf(folder.Path, "2012"));
        var resumed = new List<string>();
        using var set = TimeVectorFitting.Fit(baseModel, Periods("2012", "2013"), Quick, folder.Path,
            new SyncProgress(p => { if (p.Resumed) resumed.Add(p.Period); }));
        resumed.Should().Equal("2012");
        File.GetLastWriteTimeUtc(TimeVectorSet.FileOf(folder.Path, "2012")).Should().Be(written);
        File.Exists(TimeVectorSet.FileOf(folder.Path, "2013")).Should().BeTrue();
        Directory.GetFiles(folder.Path).Should().HaveCount(2, "no temporary file is left behind");
    }

    [Fact]
    public void A_saved_vector_is_reused_only_for_the_same_texts_and_settings()
    {
        using var folder = new TempFolder();
        using var baseModel = Model(1);
        using (TimeVectorFitting.Fit(baseModel, Periods("2012"), Quick, folder.Path)) { }
        var otherTexts = PeriodTexts.Group(Enumerable.Range(0, 20).Select(i => (new Period(2012, 1 + i % 12), $"in 2012 the river fell {i} times before the match")),
            TimeGranularity.Year, ["2012"]);

        List<bool> ResumedWhenRefitting(IReadOnlyList<PeriodTexts> periods, LanguageModelTrainingOptions options)
        {
            var resumed = new List<bool>();
            using var set = TimeVectorFitting.Fit(baseModel, periods, options, folder.Path, new SyncProgress(p => { if (p.Training is null) resumed.Add(p.Resumed); }));
            set["2012"].Metadata.Fingerprint.Should().Be(FitFingerprint.Of(periods[0].Train, options));
            return resumed;
        }

        ResumedWhenRefitting(Periods("2012"), Quick with { LearningRate = 1e-3 }).Should().BeEmpty("another learning rate refits");
        ResumedWhenRefitting(Periods("2012"), Quick with { LearningRate = 1e-3, Seed = 6 }).Should().BeEmpty("another seed refits");
        ResumedWhenRefitting(otherTexts, Quick with { LearningRate = 1e-3, Seed = 6 }).Should().BeEmpty("other texts of as many rows refit");
        ResumedWhenRefitting(otherTexts, Quick with { LearningRate = 1e-3, Seed = 6 }).Should().Equal([true], "the same texts and settings reuse the vector");
    }

    [Fact]
    public void Bad_periods_are_errors_that_name_the_period()
    {
        using var baseModel = Model(1);
        FluentActions.Invoking(() => PeriodTexts.Group([(new Period(2012, 1), "x")], TimeGranularity.Year, ["2013"]))
            .Should().Throw<InvalidDataException>().WithMessage("*period 2013 has no rows*");
        var tiny = PeriodTexts.Group(Enumerable.Range(0, 10).Select(i => (new Period(2014, 1), "a")), TimeGranularity.Year);
        FluentActions.Invoking(() => TimeVectorFitting.Fit(baseModel, tiny, Quick with { BlockSize = 64 }))
            .Should().Throw<InvalidDataException>().WithMessage("*period 2014 has too little text*");
        PeriodTexts.ParseRange("2012..2014").Should().Equal("2012", "2013", "2014");
        PeriodTexts.ParseRange("2015-11..2016-02").Should().Equal("2015-11", "2015-12", "2016-01", "2016-02");
    }

    private sealed class SyncProgress(Action<TimeVectorProgress> action) : IProgress<TimeVectorProgress>
    {
        public void Report(TimeVectorProgress value) => action(value);
    }
}
