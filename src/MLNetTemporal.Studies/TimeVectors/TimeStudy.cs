using System.Diagnostics;
using System.Globalization;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Studies.Reports;
using MLNetTemporal.Training;
using MLNetTemporal.WeightSpace;
using MLNetTemporal.TimeVectors;
using MLNetTemporal.Studies.Corpus;
using MLNetTemporal.Data;
using MLNetTemporal.Numerics;

namespace MLNetTemporal.Studies.TimeVectors;

/// <summary>Where a study is.</summary>
public readonly record struct TimeStudyProgress(string Stage, int Done, int Total, TimeVectorProgress? Fitting);

/// <summary>
/// The paper's whole study on dated text (Nylund et al. 2023): one time vector per period, every model on every period,
/// the cosine and degradation matrices with their correlation, and interpolation between the first and last period
/// evaluated on the periods between. Writes summary.json, CSVs and PNGs through <see cref="StudyReport"/>.
/// </summary>
public static class TimeStudy
{
    public static TimeStudyResult Run(LanguageModel baseModel, IReadOnlyList<PeriodTexts> periods, string outputFolder, TimeStudyOptions options,
        IProgress<TimeStudyProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (periods.Count < 2) throw new ArgumentException($"a time study needs at least 2 periods, got {periods.Count}", nameof(periods));
        var clock = Stopwatch.StartNew();
        var training = options.Training;
        var vectorsFolder = options.VectorsFolder ?? Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputFolder)) + ".vectors";
        var resumed = new List<string>();
        using var set = TimeVectorFitting.Fit(baseModel, periods, training, vectorsFolder,
            new Relay<TimeVectorProgress>(p =>
            {
                if (p.Resumed) resumed.Add(p.Period);
                progress?.Report(new TimeStudyProgress("fine-tuning " + p.Period, p.Index, p.Count, p));
            }), cancellationToken);

        var names = periods.Select(p => p.Period).ToList();
        int n = periods.Count;
        var heldOut = periods.Select(p => baseModel.ToBlocks(p.HeldOut, training.BlockSize, keepPartialLastBlock: true)).ToList();
        double Evaluate(LanguageModel model, int j) =>
            LanguageModelTrainer.Evaluate(model.Module, heldOut[j], training.EvaluationBatchSize, cancellationToken).Perplexity;

        var perplexity = new double[n][];
        for (int i = 0; i < n; i++)
        {
            progress?.Report(new TimeStudyProgress("evaluating", i, n, null));
            using var model = ModelWeights.Apply(baseModel, set[names[i]]);
            perplexity[i] = [.. Enumerable.Range(0, n).Select(j => Evaluate(model, j))];
        }
        var basePerplexity = Enumerable.Range(0, n).Select(j => Evaluate(baseModel, j)).ToArray();
        var cosine = names.Select(a => names.Select(b => WeightVector.Cosine(set[a], set[b])).ToArray()).ToArray();
        var degradation = new double[n][];
        for (int i = 0; i < n; i++) degradation[i] = new double[n];
        for (int j = 0; j < n; j++)
        {
            double mean = Enumerable.Range(0, n).Average(i => perplexity[i][j]);
            for (int i = 0; i < n; i++) degradation[i][j] = (perplexity[i][j] - mean) / mean;
        }
        double[,] Square(Func<int, int, double> entry)
        {
            var m = new double[n, n];
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) m[i, j] = entry(i, j);
            return m;
        }
        // Degradation is not symmetric (model i on period j), so every ordered pair counts.
        var degradationMatrix = Square((i, j) => degradation[i][j]);
        var (cosines, degradations) = Statistics.OffDiagonal(Square((i, j) => cosine[i][j]), degradationMatrix, symmetrise: false);
        var (gaps, gapDegradations) = Statistics.OffDiagonal(Square((i, j) => Math.Abs(i - j)), degradationMatrix, symmetrise: false);
        double pearson = Statistics.Pearson(cosines, degradations);
        double slope = Statistics.Slope(gaps, gapDegradations);
        int diagonalBest = Enumerable.Range(0, n).Count(j => Enumerable.Range(0, n).All(i => perplexity[j][j] <= perplexity[i][j]));

        var interpolation = new Dictionary<string, InterpolationCurve>();
        var curves = new Dictionary<string, double[]>();
        for (int j = 1; j < n - 1; j++) curves[names[j]] = new double[options.Alphas.Count];
        for (int a = 0; a < options.Alphas.Count && n > 2; a++)
        {
            progress?.Report(new TimeStudyProgress("interpolating", a, options.Alphas.Count, null));
            double alpha = options.Alphas[a];
            using var model = ModelWeights.Apply(baseModel, [set[names[0]], set[names[^1]]], [alpha, 1 - alpha]);
            for (int j = 1; j < n - 1; j++) curves[names[j]][a] = Evaluate(model, j);
        }
        for (int j = 1; j < n - 1; j++)
        {
            var curve = curves[names[j]];
            int best = Array.IndexOf(curve, curve.Min());
            interpolation[names[j]] = new InterpolationCurve(
                options.Alphas.Select((alpha, k) => (alpha, k)).ToDictionary(x => x.alpha.ToString("0.0##", CultureInfo.InvariantCulture), x => curve[x.k]),
                options.Alphas[best], curve[best], perplexity[0][j], perplexity[n - 1][j]);
        }

        var result = new TimeStudyResult
        {
            Periods = names, Perplexity = perplexity, BasePerplexity = basePerplexity, Cosine = cosine, Degradation = degradation,
            PearsonCosineVsDegradation = pearson, DegradationSlope = slope, DiagonalBest = diagonalBest,
            Interpolation = interpolation, ResumedPeriods = resumed, Seconds = clock.Elapsed.TotalSeconds,
        };
        WriteReport(outputFolder, result, options.Alphas);
        return result;
    }

    private static void WriteReport(string folder, TimeStudyResult r, IReadOnlyList<double> alphas)
    {
        using var report = new StudyReport(folder);
        var labels = r.Periods;
        report.MatrixCsv("perplexity.csv", labels, labels, Matrix(r.Perplexity));
        report.MatrixCsv("cosine.csv", labels, labels, Matrix(r.Cosine));
        report.MatrixCsv("degradation.csv", labels, labels, Matrix(r.Degradation));
        report.Heatmap("perplexity.png", "Perplexity (row: trained on, column: evaluated on)", labels, labels, Matrix(r.Perplexity), "perplexity");
        report.Heatmap("cosine.png", "Cosine similarity of time vectors", labels, labels, Matrix(r.Cosine), "cosine");
        report.Heatmap("degradation.png", "Relative perplexity change vs the evaluation period's mean", labels, labels, Matrix(r.Degradation), "relative change");
        var n = labels.Count;
        var pairs = (from i in Enumerable.Range(0, n) from j in Enumerable.Range(0, n) where i != j select (i, j)).ToList();
        report.Scatter("cosine_vs_degradation.png", $"Cosine vs degradation (r = {r.PearsonCosineVsDegradation:F3})", "cosine", "degradation",
            [.. pairs.Select(p => r.Cosine[p.i][p.j])], [.. pairs.Select(p => r.Degradation[p.i][p.j])]);
        if (r.Interpolation.Count > 0)
        {
            report.Csv("interpolation.csv", ["period", "alpha", "perplexity"],
                r.Interpolation.SelectMany(kv => kv.Value.PerplexityByAlpha.Select(a => (IReadOnlyList<object?>)[kv.Key, double.Parse(a.Key, CultureInfo.InvariantCulture), a.Value])));
            report.Lines("interpolation.png", $"Interpolating {labels[0]} (alpha = 1) and {labels[^1]} (alpha = 0)", "alpha", "perplexity",
                r.Interpolation.Select(kv => (kv.Key, alphas.ToArray(), kv.Value.PerplexityByAlpha.Values.ToArray())));
        }
        report.Summary(r);
        report.Complete();
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Relay<T>(Action<T> action) : IProgress<T>
    {
        public void Report(T value) => action(value);
    }

    private static double[,] Matrix(double[][] rows)
    {
        var m = new double[rows.Length, rows[0].Length];
        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < rows[i].Length; j++) m[i, j] = rows[i][j];
        return m;
    }
}
