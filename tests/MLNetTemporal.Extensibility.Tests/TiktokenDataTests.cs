using FluentAssertions;
using MLNetTemporal.Text;
using Xunit;

namespace MLNetTemporal.Extensibility.Tests;

/// <summary>The core package leaves tiktoken's rank data to the application; without it the error says what to add.</summary>
public sealed class TiktokenDataTests
{
    [Fact]
    public void A_missing_rank_package_is_named()
    {
        var act = () => LanguageModelTokenizer.FromTiktoken("cl100k_base");
        act.Should().Throw<ArgumentException>().WithMessage("*Microsoft.ML.Tokenizers.Data.Cl100kBase*");
    }
}
