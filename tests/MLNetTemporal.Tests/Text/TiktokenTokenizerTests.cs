using FluentAssertions;
using MLNetTemporal.Tests.TestSupport;
using MLNetTemporal.Text;
using Xunit;

namespace MLNetTemporal.Tests.Text;

public class TiktokenTokenizerTests
{
    [Fact]
    public void Cl100kGivesOpenAIsIdsAndSurvivesASave()
    {
        var tokenizer = LanguageModelTokenizer.FromTiktoken("cl100k_base");
        // Ids published with tiktoken for cl100k_base.
        tokenizer.Encode("hello world").Should().Equal(15339, 1917);
        tokenizer.EosId.Should().Be(100257);
        tokenizer.VocabSize.Should().BeGreaterThan(100257);
        tokenizer.Decode(tokenizer.Encode("Time is encoded in the weights.")).Should().Be("Time is encoded in the weights.");

        using var folder = new TempFolder();
        tokenizer.SaveTo(folder.Path);
        LanguageModelTokenizer.FromFolder(folder.Path).Encode("hello world").Should().Equal(15339, 1917);
    }

    [Fact]
    public void UnknownEncodingIsNamed()
    {
        var act = () => LanguageModelTokenizer.FromTiktoken("p50k_nonsense");
        act.Should().Throw<ArgumentException>().WithMessage("*p50k_nonsense*");
    }
}
