using FluentAssertions;
using MLNetTemporal.Studies.Reports;
using MLNetTemporal.Tests.TestSupport;
using Xunit;

namespace MLNetTemporal.Tests.Reports;

public class StudyReportTests
{
    [Fact]
    public void CompleteMovesEveryFileIntoPlace()
    {
        using var temp = new TempFolder();
        var folder = temp.File("study");
        using (var report = new StudyReport(folder))
        {
            report.Csv("table.csv", ["name", "value"], [["a,b", 1.5], ["c", null]]);
            report.MatrixCsv("matrix.csv", ["r1", "r2"], ["c1", "c2", "c3"], new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
            report.Heatmap("heat.png", "h", ["r1", "r2"], ["c1", "c2", "c3"], new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
            report.Lines("lines.png", "l", "x", "y", [("s", [0.0, 1, 2], [1.0, 0, 2])]);
            report.Scatter("points.png", "p", "x", "y", [1.0, 2, 3], [1.5, 2, 2.5], identityLine: true);
            report.Summary(new { periods = new[] { "2012" }, value = double.NaN });
            Directory.Exists(folder).Should().BeFalse("nothing is visible before Complete");
            report.Complete();
        }
        File.ReadAllText(Path.Combine(folder, "table.csv")).Should().Be("name,value\n\"a,b\",1.5\nc,\n".Replace("\n", Environment.NewLine));
        File.ReadAllLines(Path.Combine(folder, "matrix.csv")).Should().Equal(",c1,c2,c3", "r1,1,2,3", "r2,4,5,6");
        File.ReadAllBytes(Path.Combine(folder, "heat.png"))[..4].Should().Equal(0x89, (byte)'P', (byte)'N', (byte)'G');
        File.ReadAllText(Path.Combine(folder, "summary.json")).Should().Contain("\"NaN\"");
        temp.Entries.Should().Equal("study");
    }

    [Fact]
    public void AReportNeverCompletedLeavesNothing()
    {
        using var temp = new TempFolder();
        using (var report = new StudyReport(temp.File("study")))
            report.Summary(new { partial = true });
        temp.Entries.Should().BeEmpty();
    }

    [Fact]
    public void MismatchedLabelsAndPathEscapesAreRejected()
    {
        using var temp = new TempFolder();
        using var report = new StudyReport(temp.File("study"));
        var shape = () => report.MatrixCsv("m.csv", ["a"], ["b"], new double[2, 2]);
        shape.Should().Throw<ArgumentException>().WithMessage("*m.csv*2x2*");
        var escape = () => report.Summary(new { }) + report.Csv("../x.csv", ["a"], []);
        escape.Should().Throw<ArgumentException>().WithMessage("*../x.csv*");
    }
}
