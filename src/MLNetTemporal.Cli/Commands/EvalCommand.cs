using System.CommandLine;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Runtime;
using MLNetTemporal.Training;

namespace MLNetTemporal.Cli.Commands;

internal static class EvalCommand
{
    public static Command Create()
    {
        var (model, data) = (CommonOptions.Model(), CommonOptions.Data());
        var (device, dateColumn, textColumn, period) = (CommonOptions.Device(), CommonOptions.DateColumn(), CommonOptions.TextColumn(), CommonOptions.Period());
        var block = new Option<int>("--block-size") { DefaultValueFactory = _ => new LanguageModelTrainingOptions().BlockSize };
        var command = new Command("eval", "perplexity of a model on the texts of a TSV (optionally one period)")
        {
            model, data, period, block, device, dateColumn, textColumn,
        };
        command.SetAction((r, ct) =>
        {
            var rows = CommonOptions.ReadRows(r.GetValue(data)!, r.GetValue(dateColumn)!, r.GetValue(textColumn)!, r.GetValue(period));
            using var lm = LanguageModel.Load(r.GetValue(model)!, ComputeDevice.Resolve(r.GetValue(device)));
            var blocks = lm.ToBlocks(rows.Select(x => x.Text), r.GetValue(block), keepPartialLastBlock: true);
            var result = LanguageModelTrainer.Evaluate(lm.Module, blocks, cancellationToken: ct);
            Console.WriteLine($"perplexity {result.Perplexity:F3} (loss {result.Mean:F4} over {result.Tokens:N0} tokens, {rows.Count:N0} rows{(r.GetValue(period) is { } p ? $", period {p}" : "")})");
            return Task.FromResult(0);
        });
        return command;
    }
}
