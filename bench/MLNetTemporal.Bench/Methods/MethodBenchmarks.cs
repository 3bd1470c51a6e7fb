using System.CommandLine;

namespace MLNetTemporal.Bench.Methods;

/// <summary>
/// The methods' benchmarks as verbs of the bench program (<c>interpolate</c>, <c>probes</c>, <c>task-space</c>); without
/// a verb the program runs the model benchmark. Errors reach the user as the CLI's do: one line, exit code 1.
/// </summary>
public static class MethodBenchmarks
{
    public static RootCommand Create()
    {
        var root = new RootCommand("MLNetTemporal.Bench: the methods' benchmarks (without a verb: the model benchmark)");
        root.Subcommands.Add(InterpolationBenchmark.Create());
        root.Subcommands.Add(ProbeBenchmark.Create());
        root.Subcommands.Add(TaskSpaceBenchmark.Create());
        return root;
    }

    /// <summary>Whether the command line names one of these verbs rather than the model benchmark's options.</summary>
    public static bool Handles(string[] args) => args.Length > 0 && Create().Subcommands.Any(c => c.Name == args[0]);

    public static async Task<int> Run(string[] args)
    {
        try
        {
            return await Create().Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled");
            return 130;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or InvalidOperationException or NotSupportedException or UnauthorizedAccessException)
        {
            // A missing model folder or an unknown task is the user's to fix; the message names it, a stack trace would bury it.
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    /// <summary>The device option, as the CLI's verbs spell it.</summary>
    internal static Option<string> Device() => new("--device") { Description = "auto, cpu, cuda or cuda:N", DefaultValueFactory = _ => "auto" };
}
