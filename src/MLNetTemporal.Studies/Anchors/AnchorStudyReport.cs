using MLNetTemporal.Studies.Reports;
using MLNetTemporal.Anchors;

namespace MLNetTemporal.Studies.Anchors;

/// <summary>Writes an <see cref="AnchorStudyResult"/> as summary.json, CSV tables and PNG plots with the shared report writer.</summary>
public static class AnchorStudyReport
{
    public static string Write(AnchorStudyResult result, string folder, object? settings = null)
    {
        using var report = new StudyReport(folder);
        report.Summary(new { settings, result.Classes, result.Chance, result.VanillaAccuracy, result.ReweightedAccuracy, result.ReweightingSeconds,
            result.ShotAccuracy, result.Seeds, result.Compression, result.Isolation, result.Saliency,
            DiagnosisLayer = result.Diagnosis.Layer, result.DiagnosisCorrelation });
        report.Csv("accuracy.csv", ["seed", "test", "vanilla", "reweighted", "reweighting_seconds", .. result.ShotAccuracy.Keys.Select(n => $"{n}_shot")],
            result.Seeds.Select(s => (IReadOnlyList<object?>)[s.Seed, s.TestExamples, s.VanillaAccuracy, s.ReweightedAccuracy, s.ReweightingSeconds,
                .. result.ShotAccuracy.Keys.Select(n => (object?)s.ShotAccuracy.GetValueOrDefault(n, double.NaN))]));
        report.Csv("compression.csv", ["method", "context_length", "accuracy", "label_loyalty", "word_loyalty", "seconds_per_example", "speed_up"],
            result.Compression.Select(c => (IReadOnlyList<object?>)[c.Method, c.ContextLength, c.Accuracy, c.LabelLoyalty, c.WordLoyalty, c.SecondsPerExample, c.SpeedUp]));
        report.Csv("isolation.csv", ["layers", "isolated", "label_loyalty", "word_loyalty"],
            result.Isolation.Select(i => (IReadOnlyList<object?>)[i.Layers, i.Isolated, i.LabelLoyalty, i.WordLoyalty]));
        report.Csv("saliency.csv", ["layer", "S_wp", "S_pq", "S_ww"],
            result.Saliency.Select(s => (IReadOnlyList<object?>)[s.Layer, s.WordsToLabels, s.LabelsToTarget, s.WordsToWords]));
        var x = result.Saliency.Select(s => (double)s.Layer).ToArray();
        report.Lines("saliency.png", "Information flow by layer", "layer", "saliency",
        [
            ("S_wp (text → label words)", x, result.Saliency.Select(s => s.WordsToLabels).ToArray()),
            ("S_pq (label words → target)", x, result.Saliency.Select(s => s.LabelsToTarget).ToArray()),
            ("S_ww (other)", x, result.Saliency.Select(s => s.WordsToWords).ToArray()),
        ]);
        var classes = result.Classes;
        report.MatrixCsv("confusion_predicted.csv", classes, classes, result.Diagnosis.Predicted);
        report.MatrixCsv("confusion_real.csv", classes, classes, result.Diagnosis.Real);
        report.Heatmap("confusion_predicted.png", $"Predicted confusion (anchor key distances, layer {result.Diagnosis.Layer})", classes, classes, result.Diagnosis.Predicted);
        report.Heatmap("confusion_real.png", "Real confusion (pairwise AUC-ROC)", classes, classes, result.Diagnosis.Real);
        return report.Complete();
    }
}
