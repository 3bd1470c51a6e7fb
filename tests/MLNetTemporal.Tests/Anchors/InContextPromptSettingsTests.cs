using FluentAssertions;
using MLNetTemporal.Anchors;
using Xunit;

namespace MLNetTemporal.Tests.Anchors;

/// <summary>The one label-word rule the estimators, the anchor study and the CLI share.</summary>
public class InContextPromptSettingsTests
{
    [Fact]
    public void Listed_classes_keep_their_word_and_the_others_get_a_space_and_their_name()
    {
        var settings = new InContextPromptSettings { LabelWords = new Dictionary<string, string> { ["pos"] = "Positive" } };
        settings.Format(["neg", "pos"], "the data").LabelWords.Should().Equal(" neg", "Positive");
    }

    [Fact]
    public void Command_line_label_words_get_the_leading_space_of_the_default()
    {
        var words = InContextPromptSettings.ParseLabelWords(" neg = Negative,pos=Positive ", "--label-words");
        words.Should().Equal(new Dictionary<string, string> { ["neg"] = " Negative", ["pos"] = " Positive" });
        FluentActions.Invoking(() => InContextPromptSettings.ParseLabelWords("neg", "--label-words"))
            .Should().Throw<ArgumentException>().WithMessage("--label-words: 'neg' is not class=word");
    }

    [Fact]
    public void A_label_word_for_a_class_the_source_lacks_is_named()
    {
        var settings = new InContextPromptSettings { LabelWords = new Dictionary<string, string> { ["postive"] = " Positive" } };
        FluentActions.Invoking(() => settings.Format(["negative", "positive"], "column 'Label'"))
            .Should().Throw<ArgumentException>().WithMessage("LabelWords names classes that column 'Label' does not have: postive (classes: negative, positive)");
    }
}
