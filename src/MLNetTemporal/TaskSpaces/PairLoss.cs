using MLNetTemporal.LanguageModels;
using MLNetTemporal.Training;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MLNetTemporal.TaskSpaces;

/// <summary>A pair's two sentences as token ids, the start token in front of each.</summary>
internal sealed record EncodedPair(long[] Good, long[] Bad);

/// <summary>The training losses over minimal pairs: the gradient differential's and plain fine-tuning's.</summary>
internal static class PairLoss
{
    public static EncodedPair[] Encode(LanguageModel model, IReadOnlyList<MinimalPair> pairs, int maxTokens) =>
        pairs.Select(p => new EncodedPair(Ids(model, p.Good, maxTokens), Ids(model, p.Bad, maxTokens))).ToArray();

    private static long[] Ids(LanguageModel model, string text, int maxTokens) =>
        model.EncodeWithStart(text, maxTokens).Select(i => (long)i).ToArray();

    /// <summary>-log p(sentence) summed over its tokens, one value per sequence (one padded forward pass).</summary>
    public static Tensor SummedNll(CausalLanguageModel model, IReadOnlyList<long[]> sequences)
    {
        var (ids, targets, _) = TokenCollation.Collate(sequences, model.TokenEmbeddingWeight.device);
        var logits = model.call(new CausalLMInput(ids)).Logits!;
        var perToken = F.cross_entropy(logits.view(-1, logits.shape[^1]).to(ScalarType.Float32), targets.view(-1), ignore_index: -100, reduction: nn.Reduction.None);
        return perToken.view(ids.shape[0], ids.shape[1]).sum(1);
    }

    /// <summary>
    /// Mean over pairs of -log p(good) + log p(bad). Its gradient is METHODS.md's gradient differential
    /// g = grad(-log p(good)) - grad(-log p(bad)), in one backward pass; descending it raises p(good) and lowers p(bad).
    /// </summary>
    public static BatchLoss Differential(CausalLanguageModel model, IReadOnlyList<EncodedPair> batch)
    {
        var nll = SummedNll(model, [.. batch.Select(p => p.Good), .. batch.Select(p => p.Bad)]);
        int n = batch.Count;
        return new BatchLoss((nll[..n] - nll[n..]).mean(), n);
    }

    /// <summary>Mean over pairs of -log p(good): plain fine-tuning on the good sentences, the baseline.</summary>
    public static BatchLoss GoodSentences(CausalLanguageModel model, IReadOnlyList<EncodedPair> batch) =>
        new(SummedNll(model, batch.Select(p => p.Good).ToList()).mean(), batch.Count);
}
