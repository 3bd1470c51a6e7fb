using MLNetTemporal.LanguageModels;
using MLNetTemporal.Text;
using static TorchSharp.torch;

namespace MLNetTemporal.Extensibility.Tests.ToyTransformer;

/// <summary>A tiny randomly initialised GPT-2 over a tokenizer learned from <see cref="Sentences"/>, made with public API only.</summary>
internal static class ToyModel
{
    public static readonly string[] Sentences =
    [
        "the cat sat on the mat", "a dog ran in the park", "prices rose in the spring",
        "the team won the cup at home", "rain fell on the city all day",
    ];

    public static LanguageModel Create()
    {
        var tokenizer = LanguageModelTokenizer.FromByteLevelBpe(
            new ByteLevelBpeTrainer(new ByteLevelBpeTrainerOptions { VocabSize = 300 }).Train(Sentences));
        var config = new LanguageModelConfig
        {
            ModelType = "gpt2", VocabSize = tokenizer.VocabSize, HiddenSize = 32, NumLayers = 2, NumHeads = 4, NumKeyValueHeads = 4,
            IntermediateSize = 64, MaxPositions = 64, TieWordEmbeddings = true, QkvBias = true, OutputBias = true, MlpBias = true,
        };
        return LanguageModel.Create(config, tokenizer, seed: 7, CPU);
    }
}
