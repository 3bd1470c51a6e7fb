using System.CommandLine;
using MLNetTemporal.Data;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Studies.Pretraining;
using MLNetTemporal.Runtime;
using MLNetTemporal.TimeVectors;
using MLNetTemporal.Studies.TimeVectors;

namespace MLNetTemporal.Cli.Commands;

/// <summary>The paper's whole study in one command; defaults to the built-in corpus and tiny model.</summary>
internal static class TimeStudyCommand
{
    public static Command Create()
    {
        var defaults = new TimeStudyOptions();
        var baseModel = new Option<string?>("--base") { Description = "base model folder (default: the built-in tiny model, built and cached on first use)" };
        var data = new Option<string?>("--data") { Description = "dated TSV (default: the built-in corpus)" };
        var output = CommonOptions.OutFolder("report folder (summary.json, CSVs, PNGs); vectors are kept in <out>.vectors for resuming");
        var periods = CommonOptions.ValidPeriods(new Option<string>("--periods") { Description = "2012..2016, 2015-01..2015-12 or a list", DefaultValueFactory = _ => "2012..2016" });
        var granularity = new Option<TimeGranularity>("--granularity") { Description = "Year, Month or AsWritten", DefaultValueFactory = _ => TimeGranularity.Year };
        var epochs = new Option<int>("--epochs") { Description = "fine-tuning epochs per period", DefaultValueFactory = _ => defaults.Training.Epochs };
        var lr = new Option<double>("--learning-rate") { DefaultValueFactory = _ => defaults.Training.LearningRate };
        var vectors = new Option<string?>("--vectors") { Description = "folder for the per-period vectors (default <out>.vectors)" };
        var (seed, device, dateColumn, textColumn) = (CommonOptions.Seed(), CommonOptions.Device(), CommonOptions.DateColumn(), CommonOptions.TextColumn());
        var command = new Command("time-study", "fine-tune one model per period, cross-evaluate, compare time vectors and interpolate between periods")
        {
            baseModel, data, output, periods, granularity, epochs, lr, vectors, seed, device, dateColumn, textColumn,
        };
        command.SetAction((r, ct) =>
        {
            var console = new ConsoleProgress();
            string? modelFolder = r.GetValue(baseModel), dataFile = r.GetValue(data);
            if (modelFolder is null || dataFile is null)
            {
                var built = DefaultModel.Build(new DefaultModelOptions(), console, console, ct);
                modelFolder ??= built.ModelFolder;
                dataFile ??= built.CorpusFile;
            }
            var rows = DatedTextTsv.ReadRows(dataFile, new DatedTextTsvOptions { DateColumn = r.GetValue(dateColumn)!, TextColumn = r.GetValue(textColumn)! });
            var grouped = PeriodTexts.Group(rows.Select(x => (x.Period, x.Text)), r.GetValue(granularity), PeriodTexts.ParseRange(r.GetValue(periods)!));
            using var lm = LanguageModel.Load(modelFolder, ComputeDevice.Resolve(r.GetValue(device)));
            var options = new TimeStudyOptions
            {
                Granularity = r.GetValue(granularity),
                Training = defaults.Training with { Epochs = r.GetValue(epochs), LearningRate = r.GetValue(lr), Seed = r.GetValue(seed) },
                VectorsFolder = r.GetValue(vectors),
            };
            var result = TimeStudy.Run(lm, grouped, r.GetValue(output)!, options, new StudyConsole(console), ct);
            TimeStudyTable.Print(result, r.GetValue(output)!);
            return Task.FromResult(0);
        });
        return command;
    }

    private sealed class StudyConsole(ConsoleProgress console) : IProgress<TimeStudyProgress>
    {
        public void Report(TimeStudyProgress p)
        {
            if (p.Fitting is { Training: { } t }) console.Report(t);
            else if (p.Fitting is { Resumed: true } f) console.Report($"period {f.Period}: reusing the finished vector");
            else if (p.Fitting is { } s) console.Report($"period {s.Period} ({s.Index + 1}/{s.Count})");
            else console.Report($"{p.Stage} {p.Done + 1}/{p.Total}");
        }
    }
}
