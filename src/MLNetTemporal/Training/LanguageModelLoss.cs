using MLNetTemporal.LanguageModels;
using F = TorchSharp.torch.nn.functional;

namespace MLNetTemporal.Training;

/// <summary>Next-token cross-entropy over padded blocks.</summary>
public static class LanguageModelLoss
{
    /// <summary>Mean loss over the predicted tokens of the blocks, and how many there are.</summary>
    public static BatchLoss Compute(CausalLanguageModel model, IReadOnlyList<long[]> blocks)
    {
        var device = model.TokenEmbeddingWeight.device;
        var (ids, targets, count) = TokenCollation.Collate(blocks, device);
        var logits = model.call(new CausalLMInput(ids)).Logits!;
        var loss = F.cross_entropy(logits.view(-1, logits.shape[^1]), targets.view(-1), ignore_index: TokenCollation.IgnoreIndex);
        return new BatchLoss(loss, count);
    }
}
