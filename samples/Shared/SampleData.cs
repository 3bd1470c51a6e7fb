using Microsoft.ML;
using MLNetTemporal.Data;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.TimeVectors;

/// <summary>A dated row of the built-in corpus, as the time-vector samples feed it to ML.NET.</summary>

public sealed class DatedRow
{
    public string Text { get; set; } = "";
    public DateTime Date { get; set; }

    /// <summary>Every row of the years, in corpus order.</summary>
    public static IEnumerable<DatedRow> Of(IReadOnlyList<DatedText> corpus, params int[] years) =>
        corpus.Where(r => years.Contains(r.Date.Year)).Select(r => new DatedRow { Text = r.Text, Date = r.Date.ToDateTime(TimeOnly.MinValue) });

    /// <summary>The year's held-out rows as the time study splits them (<see cref="HeldOutSplit"/> within the year); no time vector is fitted on them.</summary>
    public static List<DatedRow> HeldOut(IReadOnlyList<DatedText> corpus, int year) => HeldOutSplit.Split([.. Of(corpus, year)]).HeldOut;
}

/// <summary>The time vectors the samples share: one epoch of METHODS.md's recipe per year on the corpus' training rows.</summary>
public static class SampleTimeVectors
{
    /// <summary>Vectors are kept in a temp folder as they finish, so the other samples (and a second run) reuse them.</summary>
    public static TimeVectorSet Fit(MLContext mlContext, LanguageModel baseModel, IReadOnlyList<DatedText> corpus, params int[] years)
    {
        // Every row of the years: the estimator itself leaves out each year's held-out rows (DatedRow.HeldOut), as the time study does.
        var training = mlContext.Data.LoadFromEnumerable(DatedRow.Of(corpus, years));
        var estimator = mlContext.Temporal().FitTimeVectors(new TimeVectorEstimatorOptions
        {
            Model = baseModel, ResumeFolder = Path.Combine(Path.GetTempPath(), "mlnet-temporal-sample-vectors"),
        });
        return estimator.Fit(training, new Progress<TimeVectorProgress>(p =>
        {
            if (p.Training is null || p.Training.Step == p.Training.TotalSteps)
                Console.WriteLine($"time vector {p.Period} ({p.Index + 1}/{p.Count}) {(p.Resumed ? "reused" : "fitted")}");
        }));
    }
}
