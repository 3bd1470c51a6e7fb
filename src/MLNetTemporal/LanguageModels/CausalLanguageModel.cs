using MLNetTemporal.LanguageModels.Hooks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MLNetTemporal.LanguageModels;

/// <summary>
/// A decoder-only transformer whose parameter names equal its Hugging Face checkpoint keys. The forward pass is the
/// same for every architecture (embed, blocks, final norm, head); subclasses supply the pieces.
/// </summary>
public abstract class CausalLanguageModel : nn.Module<CausalLMInput, CausalLMOutput>
{
    protected CausalLanguageModel(string name, LanguageModelConfig config) : base(name)
    {
        config.Validate();
        Config = config;
    }

    public LanguageModelConfig Config { get; }

    // Registered by hand (not a field RegisterComponents would name) so that every architecture gets the same
    // top-level "lm_head" after its own modules, as in Hugging Face's state dicts; absent when tied.
    private Linear? _lmHead;

    /// <summary>Checkpoint keys that may be present without a matching parameter (tied heads, constant buffers).</summary>
    public bool IsIgnorableCheckpointKey(string key) => (_lmHead is null && key == "lm_head.weight") || IsConstantBuffer(key);

    /// <summary>Buffers some checkpoints carry that this implementation recomputes (causal masks, rotary frequencies).</summary>
    private protected abstract bool IsConstantBuffer(string key);

    /// <summary>The token embedding matrix [vocab, hidden] (also the LM head when tied).</summary>
    public abstract Parameter TokenEmbeddingWeight { get; }

    private protected abstract IReadOnlyList<nn.Module<BlockInput, Tensor>> Blocks { get; }
    private protected abstract Tensor Embed(Tensor inputIds, Tensor positionIds);
    private protected abstract Tensor FinalNorm(Tensor hidden);

    /// <summary>Adds the untied LM head; subclasses call it last in their constructor, after RegisterComponents.</summary>
    private protected void RegisterHead()
    {
        if (Config.TieWordEmbeddings) return;
        _lmHead = nn.Linear(Config.HiddenSize, Config.VocabSize, hasBias: false);
        register_module("lm_head", _lmHead);
    }

    private Tensor LmHead(Tensor hidden) => _lmHead is null ? F.linear(hidden, TokenEmbeddingWeight) : _lmHead.call(hidden);
    private protected virtual (Tensor? Cos, Tensor? Sin) RotaryTables(Tensor positionIds, ScalarType dtype) => (null, null);

    /// <summary>Parameters whose initial scale shrinks with depth (GPT-2's residual projections).</summary>
    private protected virtual bool IsResidualProjection(string name) => false;

    public override CausalLMOutput forward(CausalLMInput input)
    {
        var ids = input.InputIds;
        if (ids.dim() != 2) throw new ArgumentException($"InputIds must be [batch, seq], got [{string.Join(", ", ids.shape)}]");
        if (ids.dtype != ScalarType.Int64) throw new ArgumentException($"InputIds must be int64, got {ids.dtype}");
        long batch = ids.shape[0], seq = ids.shape[1];
        var past = input.PastKeyValues;
        if (past is not null && past.LayerCount != Blocks.Count)
            throw new ArgumentException($"PastKeyValues has {past.LayerCount} layers, the model {Blocks.Count}");
        if (past is not null && past.BatchSize != batch)
            throw new ArgumentException($"PastKeyValues has batch {past.BatchSize}, InputIds {batch}; use KeyValueCache.Repeat");
        long start = past?.NextPosition ?? 0;
        var positions = input.PositionIds ?? arange(start, start + seq, device: ids.device).unsqueeze(0).expand(batch, seq);
        if (Config.Architecture == ModelArchitecture.Gpt2 && start + seq > Config.MaxPositions)
            throw new ArgumentException($"sequence reaches position {start + seq}, beyond the model's n_positions {Config.MaxPositions}");

        var hidden = Embed(ids, positions);
        var (cos, sin) = RotaryTables(positions, hidden.dtype);
        var ctx = new ForwardContext
        {
            AttentionBias = AttentionMasks.Build(batch, seq, past?.Length ?? 0, input.AttentionMask, hidden.dtype, ids.device),
            IsCausal = past is null && input.AttentionMask is null,
            Past = past,
            UseCache = input.UseCache,
            Hooks = input.Hooks,
            RotaryCos = cos,
            RotarySin = sin,
        };
        hidden = ctx.Hook(HookNames.Embed, hidden);
        foreach (var block in Blocks)
            hidden = block.call(new BlockInput(hidden, ctx));
        hidden = ctx.Hook(HookNames.FinalNorm, FinalNorm(hidden));
        var logits = input.SkipLogits ? null : LmHead(hidden);
        var present = input.UseCache
            ? new KeyValueCache(ctx.Presents.Select(p => p.Keys).ToList(), ctx.Presents.Select(p => p.Values).ToList(), start + seq)
            : null;
        return new CausalLMOutput(logits, hidden, present);
    }

    /// <summary>
    /// Hugging Face's initialisation, seeded: weights ~ N(0, initializer_range) (residual projections scaled by
    /// 1/sqrt(2 n_layers) for GPT-2), biases 0, norm weights 1.
    /// </summary>
    public void InitializeWeights(long seed)
    {
        using var guard = no_grad();
        var generator = new Generator((ulong)seed, device("cpu"));
        double std = Config.InitializerRange;
        foreach (var (name, p) in named_parameters())
        {
            if (p.dim() == 1)
            {
                if (name.EndsWith("bias", StringComparison.Ordinal)) p.zero_();
                else p.fill_(1.0);
                continue;
            }
            var s = IsResidualProjection(name) ? std / Math.Sqrt(2.0 * Config.NumLayers) : std;
            using var values = normal(0, s, p.shape, dtype: p.dtype, generator: generator);
            p.copy_(values);
        }
    }
}
