using System.CommandLine;
using MLNetTemporal.Anchors;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Runtime;
using MLNetTemporal.Studies.Anchors;
using MLNetTemporal.Studies.Corpus;

namespace MLNetTemporal.Cli.Commands;

/// <summary>Label words are anchors (METHODS.md §3): the whole study on one labeled set, written as a report.</summary>
internal static class AnchorsCommand
{
    public static Command Create()
    {
        var defaults = new AnchorStudyOptions();
        var (model, output, device) = (CommonOptions.Model(), CommonOptions.OutFolder("report folder (summary.json, CSV, PNG)"), CommonOptions.Device());
        var data = new Option<string?>("--data") { Description = "TSV with a header, a text and a label column (default: the built-in labeled news of --task)" };
        var task = new Option<LabeledNewsTask>("--task") { Description = "built-in labeled set when --data is not given", DefaultValueFactory = _ => LabeledNewsTask.Topic };
        var textColumn = CommonOptions.TextColumn();
        var labelColumn = new Option<string>("--label-column") { DefaultValueFactory = _ => "Label" };
        var template = new Option<string?>("--template") { Description = "with {text} and {label}, \\n for a line break (default: the built-in task's)" };
        var separator = new Option<string?>("--separator") { Description = "joins demonstrations, \\n for a line break (default: \\n, or a space for the built-in tasks)" };
        var labelWords = new Option<string?>("--label-words") { Description = "class=word pairs, e.g. \"neg=Negative,pos=Positive\" (a leading space is added)" };
        var demos = new Option<int>("--demos-per-class") { DefaultValueFactory = _ => defaults.Prompt.DemonstrationsPerClass };
        var train = new Option<int>("--train-per-class") { DefaultValueFactory = _ => defaults.TrainingExamplesPerClass };
        var reweightLr = new Option<double>("--reweight-lr") { Description = "Adam learning rate of anchor re-weighting", DefaultValueFactory = _ => defaults.Reweighting.LearningRate };
        var reweightEpochs = new Option<int>("--reweight-epochs") { DefaultValueFactory = _ => defaults.Reweighting.Epochs };
        var reweightBatch = new Option<int>("--reweight-batch") { Description = "training examples per re-weighting step", DefaultValueFactory = _ => defaults.Reweighting.BatchSize };
        var test = new Option<int>("--test") { DefaultValueFactory = _ => defaults.TestExamples };
        var seeds = new Option<string>("--seeds") { DefaultValueFactory = _ => string.Join(",", defaults.Seeds) };
        var saliency = new Option<int>("--saliency-examples") { DefaultValueFactory = _ => defaults.SaliencyExamples };
        var command = new Command("anchors", "label words are anchors: in-context accuracy, anchor re-weighting, anchor-only compression, saliency, isolation, error diagnosis")
        {
            model, data, task, textColumn, labelColumn, template, separator, labelWords, demos, train, reweightLr, reweightEpochs, reweightBatch, test, seeds, saliency, output, device,
        };
        command.SetAction((r, ct) =>
        {
            var dataPath = r.GetValue(data);
            var builtIn = r.GetValue(task);
            var options = new AnchorStudyOptions
            {
                Prompt = new InContextPromptSettings
                {
                    Template = Unescape(r.GetValue(template)) ?? (dataPath is null ? LabeledNews.Template(builtIn) : defaults.Prompt.Template),
                    Separator = Unescape(r.GetValue(separator)) ?? (dataPath is null ? LabeledNews.Separator : defaults.Prompt.Separator),
                    LabelWords = InContextPromptSettings.ParseLabelWords(r.GetValue(labelWords), "--label-words"),
                    DemonstrationsPerClass = r.GetValue(demos),
                },
                TrainingExamplesPerClass = r.GetValue(train), TestExamples = r.GetValue(test),
                Seeds = r.GetValue(seeds)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray(),
                SaliencyExamples = r.GetValue(saliency),
                Reweighting = new AnchorReweightingSettings { LearningRate = r.GetValue(reweightLr), Epochs = r.GetValue(reweightEpochs), BatchSize = r.GetValue(reweightBatch) },
            };
            var rows = dataPath is null
                ? BuiltInAnchorData.Rows(builtIn, options)
                : LabeledNews.ReadTsv(dataPath, r.GetValue(textColumn)!, r.GetValue(labelColumn)!);
            using var lm = LanguageModel.Load(r.GetValue(model)!, ComputeDevice.Resolve(r.GetValue(device)));
            var log = new Progress<string>(Console.WriteLine);
            var result = AnchorStudy.Run(lm, rows, options, log, ct);
            var folder = AnchorStudyReport.Write(result, r.GetValue(output)!, new { options.Prompt.Template, options.Prompt.Separator, options.Prompt.DemonstrationsPerClass, options.TrainingExamplesPerClass, options.Reweighting, options.Seeds, data = dataPath ?? $"built-in {builtIn}", model = r.GetValue(model) });
            Console.WriteLine($"accuracy (chance {result.Chance:P1}): vanilla {result.VanillaAccuracy:P1}, re-weighted {result.ReweightedAccuracy:P1}, " +
                string.Join(", ", result.ShotAccuracy.Select(s => $"{s.Key}-shot {s.Value:P1}")));
            Console.WriteLine($"{"method",-13} {"context",7} {"accuracy",8} {"label loyalty",13} {"word loyalty",12} {"ms/example",10} {"speed-up",8}");
            foreach (var c in result.Compression)
                Console.WriteLine($"{c.Method,-13} {c.ContextLength,7} {c.Accuracy,8:P1} {c.LabelLoyalty,13:P1} {c.WordLoyalty,12:P1} {c.SecondsPerExample * 1000,10:F2} {c.SpeedUp,8:F2}");
            foreach (var i in result.Isolation) Console.WriteLine($"isolating {i.Isolated} in the {i.Layers} layers: label loyalty {i.LabelLoyalty:P1}, word loyalty {i.WordLoyalty:P1}");
            foreach (var s in result.Saliency) Console.WriteLine($"layer {s.Layer}: S_wp {s.WordsToLabels:F3}  S_pq {s.LabelsToTarget:F3}  S_ww {s.WordsToWords:F3}");
            Console.WriteLine($"error diagnosis (layer {result.Diagnosis.Layer}): correlation of predicted and real confusion {result.DiagnosisCorrelation:F2}");
            Console.WriteLine($"re-weighting trained in {result.ReweightingSeconds:F1} s; report in {folder}");
            return Task.FromResult(0);
        });
        return command;
    }

    private static string? Unescape(string? value) => value?.Replace("\\n", "\n");
}
