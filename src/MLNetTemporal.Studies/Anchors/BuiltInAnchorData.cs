using MLNetTemporal.Studies.Corpus;

namespace MLNetTemporal.Studies.Anchors;

/// <summary>The built-in labeled news, sized for an anchor study.</summary>
public static class BuiltInAnchorData
{
    /// <summary>
    /// Per class: the study's demonstrations and training examples, its share of the test examples (rounded up), and
    /// 10 spare, which the n-shot baselines draw their demonstrations from once the test set is taken.
    /// </summary>
    public static IReadOnlyList<LabeledText> Rows(LabeledNewsTask task, AnchorStudyOptions options)
    {
        int classCount = LabeledNews.Classes(task).Count;
        int perClass = options.Prompt.DemonstrationsPerClass + options.TrainingExamplesPerClass + (options.TestExamples + classCount - 1) / classCount + 10;
        return LabeledNews.Generate(task, perClass);
    }
}
