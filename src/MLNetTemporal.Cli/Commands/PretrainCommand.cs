using System.CommandLine;
using MLNetTemporal.Data;
using MLNetTemporal.Studies.Pretraining;
using MLNetTemporal.Runtime;

namespace MLNetTemporal.Cli.Commands;

internal static class PretrainCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var output = CommonOptions.OutFolder("model folder to write");
        var preset = new Option<string>("--preset") { Description = "tiny or small", DefaultValueFactory = _ => "tiny" };
        var arch = new Option<string>("--architecture") { Description = "gpt2 or llama", DefaultValueFactory = _ => "gpt2" };
        var epochs = new Option<int?>("--epochs") { Description = "passes over the data (default: the preset's)" };
        var checkpointEvery = new Option<int?>("--checkpoint-every") { Description = "also save the model every N optimiser steps, as Hugging Face folders OUT.checkpoints/step-NNNNNN" };
        var (seed, device, dateColumn, textColumn, period) = (CommonOptions.Seed(), CommonOptions.Device(), CommonOptions.DateColumn(), CommonOptions.TextColumn(), CommonOptions.Period());
        var command = new Command("pretrain", "learn a tokenizer and pretrain a preset model from scratch on a TSV")
        {
            data, output, preset, arch, epochs, checkpointEvery, seed, device, dateColumn, textColumn, period,
        };
        command.SetAction((r, ct) =>
        {
            var chosen = ModelPreset.Get(r.GetValue(preset)!);
            if (r.GetValue(epochs) is { } passes)
                chosen = passes >= 1 ? chosen with { Epochs = passes } : throw new ArgumentException($"--epochs must be at least 1, got {passes}");
            var checkpoints = r.GetValue(checkpointEvery) is { } every
                ? every >= 1 ? new PretrainingCheckpoints(r.GetValue(output)!.TrimEnd('/', '\\') + ".checkpoints", every)
                    : throw new ArgumentException($"--checkpoint-every must be at least 1, got {every}")
                : null;
            var rows = CommonOptions.ReadRows(r.GetValue(data)!, r.GetValue(dateColumn)!, r.GetValue(textColumn)!, r.GetValue(period));
            var (train, heldOut) = HeldOutSplit.Split([.. rows.Select(row => row.Text)]);
            var progress = new ConsoleProgress();
            var (model, summary) = ModelPretraining.Run(train, heldOut, chosen, r.GetValue(arch)!,
                r.GetValue(seed), ComputeDevice.Resolve(r.GetValue(device)), progress, progress, ct, checkpoints);
            using (model) model.Save(r.GetValue(output)!);
            Console.WriteLine($"held-out perplexity {summary.Final.Perplexity:F2} (untrained {summary.Initial.Perplexity:F1}) after {summary.Training.Steps} steps; saved to {r.GetValue(output)}");
            return Task.FromResult(0);
        });
        return command;
    }
}
