using FluentAssertions;
using MLNetTemporal.Bench.Methods;
using MLNetTemporal.Tests.Cli;
using MLNetTemporal.Tests.TestSupport;
using Xunit;

namespace MLNetTemporal.Tests.Bench;

/// <summary>The bench program's verbs: which command lines they take, and how an input error reaches the user.</summary>
[Collection(nameof(ConsoleCollection))]
public class MethodBenchmarksTests
{
    [Fact]
    public void A_verb_runs_a_method_benchmark_and_anything_else_the_model_benchmark()
    {
        MethodBenchmarks.Handles(["interpolate"]).Should().BeTrue();
        MethodBenchmarks.Handles(["probes", "--ridge-only"]).Should().BeTrue();
        MethodBenchmarks.Handles(["task-space"]).Should().BeTrue();
        MethodBenchmarks.Handles([]).Should().BeFalse();
        MethodBenchmarks.Handles(["--quick"]).Should().BeFalse();
    }

    [FixtureFact("tiny-random-gpt2")]
    public async Task An_unknown_task_is_one_line_naming_the_option()
    {
        var (code, _, error) = await CliRunner.Capture(() => MethodBenchmarks.Run(["task-space", "--model", Fixtures.Path("tiny-random-gpt2"), "--task", "no_such_task"]));

        code.Should().Be(1);
        error.Should().StartWith("error: --task: unknown built-in task 'no_such_task'");
    }
}
