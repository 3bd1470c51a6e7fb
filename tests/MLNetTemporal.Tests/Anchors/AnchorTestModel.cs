using MLNetTemporal.Anchors;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Tests.LanguageModels;
using MLNetTemporal.Text;
using TorchSharp;
using static TorchSharp.torch;
using MLNetTemporal.Studies.Corpus;

namespace MLNetTemporal.Tests.Anchors;

/// <summary>A random 2-layer GPT-2 with a small BPE vocabulary learned from labeled sentiment lines, so label words are single tokens.</summary>
internal static class AnchorTestModel
{
    public static readonly IReadOnlyList<LabeledText> Rows = LabeledNews.Generate(LabeledNewsTask.Sentiment, perClass: 12, seed: 3);

    private static readonly Lazy<LanguageModelTokenizer> Tokenizer = new(() =>
    {
        var lines = Rows.Select(r => LabeledNews.SentimentTemplate.Replace("{text}", r.Text).Replace("{label}", " " + r.Label));
        var vocabulary = new ByteLevelBpeTrainer(new ByteLevelBpeTrainerOptions { VocabSize = 400 }).Train(lines.Concat(lines));
        return LanguageModelTokenizer.FromByteLevelBpe(vocabulary);
    });

    public static LanguageModel Create(bool float64 = false, int maxPositions = 256)
    {
        var tokenizer = Tokenizer.Value;
        var model = LanguageModel.Create(TestModels.Gpt2() with { VocabSize = tokenizer.VocabSize, MaxPositions = maxPositions }, tokenizer, seed: 5, CPU);
        if (float64) model.Module.to(ScalarType.Float64);
        return model;
    }

    public static InContextFormat Format => new(LabeledNews.SentimentTemplate, ["negative", "positive"], [" negative", " positive"], " ");

    public static IReadOnlyList<Demonstration> Demonstrations(int count = 2) =>
        Rows.Take(count).Select(r => new Demonstration(r.Text, r.Label == "positive" ? 1 : 0)).ToArray();

    public static IReadOnlyList<Demonstration> Test => Rows.Skip(4).Take(6).Select(r => new Demonstration(r.Text, r.Label == "positive" ? 1 : 0)).ToArray();

    public static InContextClassifier Classifier(LanguageModel model, int demonstrations = 2) =>
        new(model, new InContextPrompt(model, Format, Demonstrations(demonstrations)));
}
