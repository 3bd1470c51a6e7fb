using static TorchSharp.torch;

namespace MLNetTemporal.LanguageModels;

/// <summary>How token blocks become model inputs: ids padded to the longest block and next-token targets.</summary>
public static class TokenCollation
{
    /// <summary>The target that cross-entropy skips (PyTorch's default ignore index).</summary>
    public const long IgnoreIndex = -100;

    /// <summary>Pads blocks into ids [batch, longest] and targets shifted by one, with padding targets ignored.</summary>
    public static (Tensor Ids, Tensor Targets, long TargetCount) Collate(IReadOnlyList<long[]> blocks, Device device)
    {
        int longest = blocks.Max(b => b.Length);
        var ids = new long[blocks.Count * longest];
        var targets = new long[blocks.Count * longest];
        Array.Fill(targets, IgnoreIndex);
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
}
