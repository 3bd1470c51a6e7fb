using MLNetTemporal.LanguageModels;
using MLNetTemporal.Tests.LanguageModels;
using MLNetTemporal.Text;
using MLNetTemporal.WeightSpace;
using static TorchSharp.torch;

namespace MLNetTemporal.Tests.WeightSpace;

/// <summary>Tiny models and hand-made vectors for weight-arithmetic tests.</summary>
internal static class WeightSpaceModels
{
    private static readonly Lazy<LanguageModelTokenizer> SharedTokenizer = new(() => LanguageModelTokenizer.FromByteLevelBpe(
        new ByteLevelBpeTrainer(new ByteLevelBpeTrainerOptions { VocabSize = 300 })
            .Train(["the market rose in spring", "the election came in autumn", "shares fell after the vote"])));

    public static LanguageModelTokenizer Tokenizer => SharedTokenizer.Value;

    /// <summary>A tiny GPT-2 (tied embeddings) whose weights depend on <paramref name="seed"/>.</summary>
    public static LanguageModel Model(long seed) =>
        LanguageModel.Create(TestModels.Gpt2(vocab: Tokenizer.VocabSize), Tokenizer, seed, CPU);

    /// <summary>A vector from literal values, one float32 tensor per entry.</summary>
    public static WeightVector Vector(params (string Name, float[] Values)[] tensors) =>
        WeightVector.FromTensors(tensors.Select(t => new KeyValuePair<string, Tensor>(t.Name, tensor(t.Values))).ToList());

    public static float[] Values(Tensor t) => t.to(ScalarType.Float32).data<float>().ToArray();

    public static bool SameWeights(LanguageModel a, LanguageModel b) =>
        ModelWeights.Of(a).All(p => p.Value.eq(ModelWeights.Of(b)[p.Key]).all().item<bool>());
}
