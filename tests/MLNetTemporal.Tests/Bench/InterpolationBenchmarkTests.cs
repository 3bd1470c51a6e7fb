using FluentAssertions;
using MLNetTemporal.Bench.Methods;
using MLNetTemporal.Tests.Cli;
using MLNetTemporal.Tests.TestSupport;
using Xunit;

namespace MLNetTemporal.Tests.Bench;

[Collection(nameof(ConsoleCollection))]
public class InterpolationBenchmarkTests
{
    [Fact]
    public async Task A_small_run_prints_every_row_and_removes_its_scratch_files()
    {
        using var temp = new TempFolder();

        var (code, output, error) = await CliRunner.Capture(() => MethodBenchmarks.Run(["interpolate", "--megabytes", "8", "--in-memory-megabytes", "32", "--repeats", "1", "--folder", temp.Path]));

        code.Should().Be(0, error);
        output.Should().Contain("| memcpy (Buffer.MemoryCopy) |").And.Contain("| torch copy_ |")
            .And.Contain("| interpolate into existing tensors (CombineInto) |").And.Contain("| interpolate into new tensors (Combine) |")
            .And.Contain("| stream file to file, fsync'd |").And.Contain("| peak minus before |");
        output.Should().Contain("2 x 8 MB f32, 2 tensors").And.NotContain("NaN");
        temp.Entries.Should().BeEmpty();
    }
}
