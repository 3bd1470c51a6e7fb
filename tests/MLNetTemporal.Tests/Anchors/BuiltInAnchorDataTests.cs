using MLNetTemporal.Anchors;
using FluentAssertions;
using MLNetTemporal.Studies.Anchors;
using MLNetTemporal.Studies.Corpus;
using Xunit;

namespace MLNetTemporal.Tests.Anchors;

public sealed class BuiltInAnchorDataTests
{
    [Theory]
    [InlineData(LabeledNewsTask.Sentiment, 2, 1 + 4 + 6 + 10)]
    [InlineData(LabeledNewsTask.Topic, 5, 1 + 4 + 3 + 10)]
    public void Each_class_gets_its_demonstrations_training_examples_share_of_the_test_and_ten_spare(LabeledNewsTask task, int classes, int perClass)
    {
        var options = new AnchorStudyOptions { Prompt = new InContextPromptSettings { DemonstrationsPerClass = 1 }, TrainingExamplesPerClass = 4, TestExamples = 11 };

        var rows = BuiltInAnchorData.Rows(task, options);

        rows.GroupBy(r => r.Label).Select(g => g.Count()).Should().HaveCount(classes).And.AllBeEquivalentTo(perClass);
        rows.Should().Equal(LabeledNews.Generate(task, perClass), "the rows are the built-in set's own, only sized");
    }
}
