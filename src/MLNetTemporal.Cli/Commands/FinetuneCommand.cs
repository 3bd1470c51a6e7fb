using System.CommandLine;
using MLNetTemporal.Data;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Runtime;
using MLNetTemporal.Training;

namespace MLNetTemporal.Cli.Commands;

internal static class FinetuneCommand
{
    public static Command Create()
    {
        var defaults = new LanguageModelTrainingOptions();
        var (model, data, output) = (CommonOptions.Model(), CommonOptions.Data(), CommonOptions.OutFolder("folder for the fine-tuned model"));
        var (seed, device, dateColumn, textColumn, period) = (CommonOptions.Seed(), CommonOptions.Device(), CommonOptions.DateColumn(), CommonOptions.TextColumn(), CommonOptions.Period());
        var epochs = new Option<int>("--epochs") { DefaultValueFactory = _ => defaults.Epochs };
        var maxSteps = new Option<int?>("--max-steps") { Description = "optimizer steps (overrides --epochs)" };
        var lr = new Option<double>("--learning-rate") { DefaultValueFactory = _ => defaults.LearningRate };
        var batch = new Option<int>("--batch-size") { DefaultValueFactory = _ => defaults.BatchSize };
        var block = new Option<int>("--block-size") { DefaultValueFactory = _ => defaults.BlockSize };
        var command = new Command("finetune", "fine-tune a causal LM on the texts of a TSV (optionally one period)")
        {
            model, data, output, period, epochs, maxSteps, lr, batch, block, seed, device, dateColumn, textColumn,
        };
        command.SetAction((r, ct) =>
        {
            var rows = CommonOptions.ReadRows(r.GetValue(data)!, r.GetValue(dateColumn)!, r.GetValue(textColumn)!, r.GetValue(period));
            var (train, heldOut) = HeldOutSplit.Split([.. rows.Select(row => row.Text)]);
            using var lm = LanguageModel.Load(r.GetValue(model)!, ComputeDevice.Resolve(r.GetValue(device)));
            var options = new LanguageModelTrainingOptions
            {
                Epochs = r.GetValue(epochs), MaxSteps = r.GetValue(maxSteps), LearningRate = r.GetValue(lr),
                BatchSize = r.GetValue(batch), BlockSize = r.GetValue(block), Seed = r.GetValue(seed),
            };
            var trainBlocks = lm.ToBlocks(train, options.BlockSize, keepPartialLastBlock: false);
            var heldOutBlocks = lm.ToBlocks(heldOut, options.BlockSize, keepPartialLastBlock: true);
            var before = LanguageModelTrainer.Evaluate(lm.Module, heldOutBlocks, cancellationToken: ct);
            LanguageModelTrainer.Train(lm.Module, trainBlocks, heldOutBlocks, options, new ConsoleProgress(), ct);
            var after = LanguageModelTrainer.Evaluate(lm.Module, heldOutBlocks, cancellationToken: ct);
            lm.Save(r.GetValue(output)!, new Dictionary<string, string> { ["period"] = r.GetValue(period) ?? "all", ["train_rows"] = train.Count.ToString() });
            Console.WriteLine($"held-out perplexity {before.Perplexity:F2} -> {after.Perplexity:F2} on {heldOut.Count} rows; saved to {r.GetValue(output)}");
            return Task.FromResult(0);
        });
        return command;
    }
}
