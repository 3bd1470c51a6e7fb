using System.CommandLine;

namespace MLNetTemporal.Cli;

/// <summary>The <c>mlnet-temporal</c> command line: every verb, and how errors reach the user.</summary>
public static class CliApplication
{
    public static RootCommand Create()
    {
        var root = new RootCommand("mlnet-temporal: temporal language-model methods on ML.NET and TorchSharp");
        root.Subcommands.Add(Commands.DefaultCommand.Create());
        root.Subcommands.Add(Commands.CorpusCommand.Create());
        root.Subcommands.Add(Commands.PretrainCommand.Create());
        root.Subcommands.Add(Commands.FinetuneCommand.Create());
        root.Subcommands.Add(Commands.EvalCommand.Create());
        root.Subcommands.Add(Commands.TimeStudyCommand.Create());
        foreach (var command in Commands.WeightVectorCommands.Create()) root.Subcommands.Add(command);
        foreach (var command in Commands.TimeAdaptationCommands.Create()) root.Subcommands.Add(command);
        root.Subcommands.Add(Commands.AnchorsCommand.Create());
        root.Subcommands.Add(Commands.ProbeCommand.Create());
        root.Subcommands.Add(Commands.TaskSpaceCommand.Create());
        root.Subcommands.Add(Commands.MinimalPairsCommand.Create());
        return root;
    }

    public static async Task<int> Main(string[] args)
    {
        Runtime.TorchNativeLoader.EnsureLoaded();
        return await Run(args);
    }

    /// <summary>Runs one command line; input problems become a one-line error and exit code 1.</summary>
    public static async Task<int> Run(string[] args)
    {
        try
        {
            return await Create().Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled; nothing was written");
            return 130;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or InvalidOperationException or NotSupportedException or UnauthorizedAccessException)
        {
            // Input problems are the user's to fix: the message names the file, column or option; a stack trace would bury it.
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
