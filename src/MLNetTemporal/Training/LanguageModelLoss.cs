using MLNetTemporal.LanguageModels;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MLNetTemporal.Training;

/// <summary>Next-token cross-entropy over padded blocks.</summary>
public static class LanguageModelLoss
{
    private const long Ignore = -100;

    /// <summary>Pads blocks into ids [batch, longest] and targets shifted by one, with padding targets ignored.</summary>
    public static (Tensor Ids, Tensor Targets, long TargetCount) Collate(IReadOnlyList<long[]> blocks, Device device)
    {
        int longest = blocks.Max(b => b.Length);
        var ids = new long[blocks.Count * longest];
        var targets = new long[blocks.Count * longest];
        Array.Fill(targets, Ignore);
        long count = 0;
        for (int r = 0; r < blocks.Count; r++)
        {
            var block = blocks[r];
            Array.Copy(block, 0, ids, r * longest, block.Length);
            for (int t = 0; t + 1 < block.Length; t++) targets[r * longest + t] = block[t + 1];
            count += block.Length - 1;
        }
        return (tensor(ids, [blocks.Count, longest], device: device), tensor(targets, [blocks.Count, longest], device: device), count);
    }

    /// <summary>Mean loss over the predicted tokens of the blocks, and how many there are.</summary>
    public static BatchLoss Compute(CausalLanguageModel model, IReadOnlyList<long[]> blocks)
    {
        var device = model.TokenEmbeddingWeight.device;
        var (ids, targets, count) = Collate(blocks, device);
        var logits = model.call(new CausalLMInput(ids)).Logits!;
        var loss = F.cross_entropy(logits.view(-1, logits.shape[^1]), targets.view(-1), ignore_index: Ignore);
        return new BatchLoss(loss, count);
    }
}
