using MLNetTemporal.LanguageModels;
using MLNetTemporal.TaskSpaces;
using MLNetTemporal.Tests.LanguageModels;
using MLNetTemporal.Text;
using static TorchSharp.torch;
using MLNetTemporal.Studies.TaskSpaces;

namespace MLNetTemporal.Tests.TaskSpaces;

/// <summary>A tokenizer learned from the built-in pairs and tiny randomly initialised models over it.</summary>
internal static class PairModels
{
    private static readonly Lazy<LanguageModelTokenizer> SharedTokenizer = new(() =>
        LanguageModelTokenizer.FromByteLevelBpe(new ByteLevelBpeTrainer(new ByteLevelBpeTrainerOptions { VocabSize = 400 })
            .Train(BuiltInMinimalPairs.Generate(20).SelectMany(p => new[] { p.Good, p.Bad }))));

    public static LanguageModelTokenizer Tokenizer => SharedTokenizer.Value;

    public static LanguageModel Create(long seed = 3, int layers = 2) =>
        LanguageModel.Create(TestModels.Gpt2(layers, Tokenizer.VocabSize), Tokenizer, seed, CPU);

    public static IReadOnlyList<MinimalPair> Pairs(string task, int count) =>
        BuiltInMinimalPairs.Generate(count).Where(p => p.Task == task).ToList();
}
