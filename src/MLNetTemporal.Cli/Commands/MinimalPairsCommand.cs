using System.CommandLine;
using MLNetTemporal.TaskSpaces;
using MLNetTemporal.Studies.TaskSpaces;

namespace MLNetTemporal.Cli.Commands;

/// <summary>Writes the built-in minimal pairs as BLiMP JSONL, to inspect, edit or feed to task-space --pairs.</summary>
internal static class MinimalPairsCommand
{
    public static Command Create()
    {
        var perTask = new Option<int>("--pairs-per-task") { DefaultValueFactory = _ => 80 };
        var output = CommonOptions.Out("JSONL file to write");
        var seed = CommonOptions.Seed();
        var command = new Command("minimal-pairs", "write the built-in minimal pairs (15 tasks, 5 phenomenon families) as BLiMP JSONL") { perTask, output, seed };
        command.SetAction(r =>
        {
            var pairs = BuiltInMinimalPairs.Generate(r.GetValue(perTask), r.GetValue(seed));
            MinimalPairFile.WriteJsonl(r.GetValue(output)!, pairs);
            Console.WriteLine($"{pairs.Count} pairs of {pairs.Select(p => p.Task).Distinct().Count()} tasks written to {r.GetValue(output)}");
        });
        return command;
    }
}
