using MLNetTemporal.LanguageModels.Hooks;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MLNetTemporal.LanguageModels;

/// <summary>How a sequence of hidden states becomes one vector.</summary>
public enum Pooling
{
    /// <summary>The last token of the text.</summary>
    LastToken,
    /// <summary>The mean over the text's tokens (the start token excluded).</summary>
    Mean,
}

public sealed partial class LanguageModel
{
    /// <summary>Token ids of a text with the start token in front, cut to <paramref name="maxTokens"/>.</summary>
    public int[] EncodeWithStart(string text, int maxTokens)
    {
        var ids = Tokenizer.Encode(text);
        int room = Math.Min(maxTokens, Config.MaxPositions) - 1;
        var result = new int[Math.Min(ids.Length, room) + 1];
        result[0] = StartTokenId;
        Array.Copy(ids, 0, result, 1, result.Length - 1);
        return result;
    }

    /// <summary>
    /// Scores texts in batches: every token of a text is predicted from the start token and the tokens before it.
    /// Texts longer than <paramref name="maxTokens"/> are cut.
    /// </summary>
    public TextScore[] Score(IReadOnlyList<string> texts, int batchSize = 16, int maxTokens = 512, CancellationToken cancellationToken = default)
    {
        var result = new TextScore[texts.Count];
        using var _ = no_grad();
        for (int start = 0; start < texts.Count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var batch = texts.Skip(start).Take(batchSize).Select(t => EncodeWithStart(t, maxTokens)).ToList();
            var (ids, targets, _) = TokenCollation.Collate(batch.Select(b => b.Select(i => (long)i).ToArray()).ToList(), Device);
            var logits = Module.call(new CausalLMInput(ids)).Logits!;
            var logProbs = F.log_softmax(logits, -1);
            var valid = targets.ge(0);
            var picked = logProbs.gather(-1, targets.clamp_min(0).unsqueeze(-1)).squeeze(-1) * valid;
            var sums = picked.sum(1).to(ScalarType.Float64).cpu().data<double>().ToArray();
            for (int i = 0; i < batch.Count; i++) result[start + i] = new TextScore(sums[i], batch[i].Length - 1);
        }
        return result;
    }

    /// <summary>
    /// One vector per text from the residual stream after block <paramref name="layer"/> (-1: the final norm's
    /// output), pooled over the text's tokens.
    /// </summary>
    public float[][] Embed(IReadOnlyList<string> texts, int layer = -1, Pooling pooling = Pooling.LastToken, int batchSize = 16, int maxTokens = 512, CancellationToken cancellationToken = default)
    {
        if (layer < -1 || layer >= Config.NumLayers)
            throw new ArgumentOutOfRangeException(nameof(layer), layer, $"layer must be -1 (final) or 0..{Config.NumLayers - 1}");
        var hookName = layer == -1 ? HookNames.FinalNorm : HookNames.ResidPost(layer);
        var result = new float[texts.Count][];
        using var _ = no_grad();
        for (int start = 0; start < texts.Count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var batch = texts.Skip(start).Take(batchSize).Select(t => EncodeWithStart(t, maxTokens)).ToList();
            var (ids, _, _) = TokenCollation.Collate(batch.Select(b => b.Select(i => (long)i).ToArray()).ToList(), Device);
            var hooks = new ActivationHooks().Capture(hookName);
            Module.call(new CausalLMInput(ids) { Hooks = hooks, SkipLogits = true });
            using var cache = hooks.Cache;
            var hidden = cache[hookName].to(ScalarType.Float32).cpu();
            for (int i = 0; i < batch.Count; i++)
            {
                int n = batch[i].Length;
                var row = pooling == Pooling.LastToken || n == 1
                    ? hidden[i, n - 1]
                    : hidden[i, TorchSharp.torch.TensorIndex.Slice(1, n)].mean([0]);
                result[start + i] = row.data<float>().ToArray();
            }
        }
        return result;
    }

    /// <summary>Greedy decoding of <paramref name="maxNewTokens"/> tokens, reusing the key/value cache.</summary>
    public int[] GenerateGreedy(IReadOnlyList<int> promptIds, int maxNewTokens, int? stopTokenId = null)
    {
        var generated = new List<int>();
        using var _ = no_grad();
        KeyValueCache? cache = null;
        var next = promptIds.Select(i => (long)i).ToArray();
        try
        {
            for (int step = 0; step < maxNewTokens; step++)
            {
                using var scope = NewDisposeScope();
                using var ids = tensor(next, [1, next.Length], device: Device);
                var output = Module.call(new CausalLMInput(ids) { PastKeyValues = cache, UseCache = true });
                cache?.Dispose();
                cache = output.PresentKeyValues!;
                int token = (int)output.Logits![0, -1].argmax().item<long>();
                generated.Add(token);
                if (token == stopTokenId) break;
                next = [token];
            }
        }
        finally
        {
            cache?.Dispose();
        }
        return [.. generated];
    }

    /// <summary>Cuts texts into language-modelling blocks, each text preceded by the start token.</summary>
    public TokenBlocks ToBlocks(IEnumerable<string> texts, int blockSize, bool keepPartialLastBlock)
    {
        if (blockSize > Config.MaxPositions)
            throw new ArgumentOutOfRangeException(nameof(blockSize), blockSize, $"BlockSize exceeds the model's context of {Config.MaxPositions} positions");
        return TokenBlocks.FromDocuments(texts.Select(t => (IReadOnlyList<int>)Tokenizer.Encode(t)), blockSize, StartTokenId, keepPartialLastBlock);
    }
}
