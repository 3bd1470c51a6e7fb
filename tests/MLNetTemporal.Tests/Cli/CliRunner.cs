using MLNetTemporal.Cli;
using Xunit;

namespace MLNetTemporal.Tests.Cli;

/// <summary>Runs one command line in-process and returns its exit code and console output.</summary>
internal static class CliRunner
{
    public static Task<(int Code, string Out, string Error)> Run(params string[] args) => Capture(() => CliApplication.Run(args));

    /// <summary>Any in-process entry point (the CLI's, the bench's verbs) with the console redirected while it runs.</summary>
    public static async Task<(int Code, string Out, string Error)> Capture(Func<Task<int>> run)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var o = new StringWriter();
        using var e = new StringWriter();
        Console.SetOut(o);
        Console.SetError(e);
        try
        {
            return (await run(), o.ToString(), e.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }
}

/// <summary>Tests that redirect the process-wide console run alone.</summary>
[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;
