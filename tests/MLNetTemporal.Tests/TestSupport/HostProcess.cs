using System.Diagnostics;
using FluentAssertions;

namespace MLNetTemporal.Tests.TestSupport;

/// <summary>
/// Runs MLNetTemporal.Tests.Host in a process of its own: for what only a fresh process shows (a saved file alone
/// reproducing outputs, what happens when the library assembly first loads). The host is built with the tests (a
/// project reference that adds no assembly) beside this project's output.
/// </summary>
internal static class HostProcess
{
    /// <summary>Runs the host to completion, asserts it succeeded, and returns its standard output.</summary>
    /// <param name="arguments">The host's mode and its arguments.</param>
    /// <param name="environment">Variables set for the host only.</param>
    public static string Run(string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = output.Name, configuration = output.Parent!.Name;
        var tests = output.Parent.Parent!.Parent!.Parent!.FullName;
        var host = Path.Combine(tests, "MLNetTemporal.Tests.Host", "bin", configuration, framework, "MLNetTemporal.Tests.Host.dll");
        File.Exists(host).Should().BeTrue($"the host should have been built at {host}");

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(host);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the host process did not finish in 3 minutes");
        }
        process.ExitCode.Should().Be(0, $"the host should succeed; stdout: {stdout.Result} stderr: {stderr.Result}");
        return stdout.Result;
    }
}
