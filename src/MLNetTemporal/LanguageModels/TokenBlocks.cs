namespace MLNetTemporal.LanguageModels;

/// <summary>
/// A token stream cut into language-modelling blocks of at most <see cref="BlockSize"/> tokens (Hugging Face's
/// <c>group_texts</c>): documents are joined with a separator token in front of each, so every document token is
/// predicted and no block needs padding except the last.
/// </summary>
public sealed class TokenBlocks
{
    private readonly List<long[]> _blocks;

    private TokenBlocks(List<long[]> blocks, int blockSize)
    {
        _blocks = blocks;
        BlockSize = blockSize;
        TokenCount = blocks.Sum(b => (long)b.Length);
    }

    public int BlockSize { get; }
    public int Count => _blocks.Count;
    /// <summary>Tokens in all blocks, separators included.</summary>
    public long TokenCount { get; }
    public IReadOnlyList<long[]> Blocks => _blocks;

    /// <param name="documents">Token ids of each document.</param>
    /// <param name="blockSize">Tokens per block (at least 2: one input, one target).</param>
    /// <param name="separatorId">Token put before every document (end-of-text / BOS).</param>
    /// <param name="keepPartialLastBlock">Keep the final short block (evaluation) or drop it (training).</param>
    public static TokenBlocks FromDocuments(IEnumerable<IReadOnlyList<int>> documents, int blockSize, int separatorId, bool keepPartialLastBlock)
    {
        if (blockSize < 2) throw new ArgumentOutOfRangeException(nameof(blockSize), blockSize, "BlockSize must be at least 2");
        var blocks = new List<long[]>();
        var current = new List<long>(blockSize);
        foreach (var doc in documents)
        {
            current.Add(separatorId);
            foreach (var id in doc)
            {
                if (current.Count == blockSize)
                {
                    blocks.Add([.. current]);
                    current.Clear();
                }
                current.Add(id);
            }
            if (current.Count == blockSize)
            {
                blocks.Add([.. current]);
                current.Clear();
            }
        }
        if (keepPartialLastBlock && current.Count >= 2) blocks.Add([.. current]);
        return new TokenBlocks(blocks, blockSize);
    }

    /// <summary>Blocks grouped into batches, in an order shuffled by <paramref name="seed"/> (null: in order).</summary>
    public IReadOnlyList<long[][]> Batches(int batchSize, int? seed)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "BatchSize must be positive");
        var order = Enumerable.Range(0, _blocks.Count).ToArray();
        if (seed is not null) new Random(seed.Value).Shuffle(order);
        return order.Chunk(batchSize).Select(c => c.Select(i => _blocks[i]).ToArray()).ToList();
    }
}
