using FluentAssertions;
using MLNetTemporal.Runtime;
using MLNetTemporal.Tests.TestSupport;
using Xunit;

namespace MLNetTemporal.Tests.Runtime;

/// <summary>A folder output replaces only what the library wrote; a user's folder is refused and left as it was.</summary>
public sealed class PendingDirectoryTests
{
    [Fact]
    public void A_folder_with_files_the_tool_did_not_write_is_refused_and_kept()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("data.tsv"), "Date\tText\n");
        File.WriteAllText(temp.File("notes.txt"), "mine");

        var act = () => AtomicFile.WriteDirectory(temp.Path, folder => File.WriteAllText(Path.Combine(folder, "model.safetensors"), "x"));

        act.Should().Throw<IOException>().WithMessage($"*{temp.Path}*data.tsv*");
        temp.Entries.Should().Equal("data.tsv", "notes.txt");
        File.ReadAllText(temp.File("notes.txt")).Should().Be("mine");
    }

    [Fact]
    public void A_folder_filled_by_someone_else_during_the_work_is_refused_at_commit()
    {
        using var temp = new TempFolder();
        var target = temp.File("out");
        var act = () => AtomicFile.WriteDirectory(target, folder =>
        {
            Directory.CreateDirectory(target);
            File.WriteAllText(Path.Combine(target, "theirs.txt"), "keep");
            File.WriteAllText(Path.Combine(folder, "ours.txt"), "new");
        });

        act.Should().Throw<IOException>();
        Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName).Should().Equal("theirs.txt");
        temp.Entries.Should().Equal(new[] { "out" }, "the pending folder is removed");
    }

    [Fact]
    public void An_empty_folder_and_an_earlier_output_are_replaced()
    {
        using var temp = new TempFolder();
        var target = temp.File("out");
        Directory.CreateDirectory(target);

        AtomicFile.WriteDirectory(target, folder => File.WriteAllText(Path.Combine(folder, "first.txt"), "1"));
        AtomicFile.WriteDirectory(target, folder => File.WriteAllText(Path.Combine(folder, "second.txt"), "2"));

        Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName).Order()
            .Should().Equal(PendingDirectory.MarkerFile, "second.txt");
    }
}
