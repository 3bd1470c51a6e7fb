using FluentAssertions;
using MLNetTemporal.Anchors;
using Xunit;
using MLNetTemporal.Studies.Anchors;

namespace MLNetTemporal.Tests.Anchors;

public class BadInputTests
{
    [Fact]
    public void A_label_word_of_several_tokens_is_reported_with_its_tokens()
    {
        using var model = AnchorTestModel.Create();
        var format = new InContextFormat(AnchorTestModel.Format.Template.Text, ["negative", "positive"], [" negative", " xylophonic"], " ");
        var act = () => new InContextPrompt(model, format, AnchorTestModel.Demonstrations());
        act.Should().Throw<ArgumentException>().WithMessage("*label word \" xylophonic\" of class 'positive' is * tokens*single token*");
    }

    [Theory]
    [InlineData("Review: {text} Sentiment:", "{label}")]
    [InlineData("Review: Sentiment:{label}", "{text}")]
    public void A_template_without_a_slot_is_rejected(string template, string missing)
    {
        var act = () => new PromptTemplate(template);
        act.Should().Throw<ArgumentException>().WithMessage($"*must contain {{text}} and {{label}} (missing {missing})*");
    }

    [Fact]
    public void A_class_with_fewer_examples_than_demonstrations_is_named()
    {
        var rows = new[] { new Demonstration("a", 0), new Demonstration("b", 0), new Demonstration("c", 1) };
        var act = () => DemonstrationSampler.Pick(rows, ["negative", "positive"], perClass: 2, seed: 1);
        act.Should().Throw<ArgumentException>().WithMessage("class 'positive' has 1 examples, fewer than the 2 that DemonstrationsPerClass asks for");
        DemonstrationSampler.Shortage(rows, ["negative", "positive"], perClass: 2).Should().Be("class 'positive' has 1 examples, fewer than the 2 that DemonstrationsPerClass asks for");
        DemonstrationSampler.Shortage(rows, ["negative", "positive"], perClass: 1).Should().BeNull();
    }

    [Fact]
    public void A_context_longer_than_the_window_is_an_error_naming_the_lengths()
    {
        using var model = AnchorTestModel.Create(maxPositions: 64);
        var tooMany = () => new InContextPrompt(model, AnchorTestModel.Format, AnchorTestModel.Demonstrations(8));
        tooMany.Should().Throw<ArgumentException>().WithMessage("*the 8 demonstrations take * tokens*window of 64 positions*");

        var prompt = new InContextPrompt(model, AnchorTestModel.Format, AnchorTestModel.Demonstrations(1));
        var longQuery = () => prompt.EncodeQuery(string.Join(" ", Enumerable.Repeat("The council voted for a new tram line.", 8)));
        longQuery.Should().Throw<ArgumentException>().WithMessage("*the prompt is * tokens (* of demonstrations, * of the query*longer than the model's window of 64 positions*");
    }

    [Fact]
    public void The_window_check_gives_the_reason_the_prompt_would_throw_and_null_when_it_fits()
    {
        using var model = AnchorTestModel.Create(maxPositions: 64);
        var format = AnchorTestModel.Format;
        var longText = string.Join(" ", Enumerable.Repeat("The council voted for a new tram line.", 8));
        InContextPrompt.WindowProblem(model, format, AnchorTestModel.Demonstrations(8), ["short"])
            .Should().Be(FluentActions.Invoking(() => new InContextPrompt(model, format, AnchorTestModel.Demonstrations(8))).Should().Throw<ArgumentException>().Which.Message);
        var prompt = new InContextPrompt(model, format, AnchorTestModel.Demonstrations(1));
        InContextPrompt.WindowProblem(model, format, AnchorTestModel.Demonstrations(1), ["short", longText])
            .Should().Be(FluentActions.Invoking(() => prompt.EncodeQuery(longText)).Should().Throw<ArgumentException>().Which.Message);
        InContextPrompt.WindowProblem(model, format, AnchorTestModel.Demonstrations(1), ["short"]).Should().BeNull();
    }
}
