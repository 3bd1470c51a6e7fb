using MLNetTemporal.LanguageModels;

namespace MLNetTemporal.Tests.LanguageModels;

/// <summary>Small configurations for fast tests of both architectures.</summary>
internal static class TestModels
{
    public static LanguageModelConfig Gpt2(int layers = 2, int vocab = 64) => new()
    {
        ModelType = "gpt2", VocabSize = vocab, HiddenSize = 32, NumLayers = layers, NumHeads = 4, NumKeyValueHeads = 4,
        IntermediateSize = 64, MaxPositions = 128, TieWordEmbeddings = true, QkvBias = true, OutputBias = true, MlpBias = true,
        Activation = "gelu_new",
    };

    public static LanguageModelConfig Llama(int layers = 2, int vocab = 64) => LlamaReferenceTests.Config("qwen2", false, 2) with
    {
        NumLayers = layers, VocabSize = vocab,
    };

    public static IEnumerable<object[]> Both() => [["gpt2"], ["llama"]];

    public static LanguageModelConfig ByName(string name) => name == "gpt2" ? Gpt2() : Llama();
}
