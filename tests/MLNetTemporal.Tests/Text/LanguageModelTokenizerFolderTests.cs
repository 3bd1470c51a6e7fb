using FluentAssertions;
using MLNetTemporal.Tests.TestSupport;
using MLNetTemporal.Text;
using Xunit;

namespace MLNetTemporal.Tests.Text;

public sealed class LanguageModelTokenizerFolderTests
{
    [Fact]
    public void A_folder_without_tokenizer_files_names_the_folder_and_the_files_looked_for()
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Path, "config.json"), "{}");

        var act = () => LanguageModelTokenizer.FromFolder(temp.Path);

        act.Should().Throw<FileNotFoundException>()
            .WithMessage($"*{temp.Path}*tokenizer.model*vocab.json + merges.txt*encoder.json + vocab.bpe*config.json*");
    }

    [Fact]
    public void A_missing_folder_is_named()
    {
        var act = () => LanguageModelTokenizer.FromFolder("/no/such/tokenizer");
        act.Should().Throw<DirectoryNotFoundException>().WithMessage("*/no/such/tokenizer*");
    }

    [Fact]
    public void A_malformed_merges_line_names_file_and_line()
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Path, "vocab.json"), """{"a": 0, "b": 1}""");
        File.WriteAllText(Path.Combine(temp.Path, "merges.txt"), "#version: 0.2\na b\nab\n");

        var act = () => LanguageModelTokenizer.FromFolder(temp.Path);

        act.Should().Throw<InvalidDataException>().WithMessage("*merges.txt:3*'ab'*");
    }
}
