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
/// <remarks>
/// A new architecture derives from this class and registers with <see cref="LanguageModelArchitectures"/>. Its
/// constructor builds its modules with the checkpoint's names as fields, calls <c>RegisterComponents()</c> and then
/// <see cref="RegisterHead"/>. It supplies <see cref="Embed"/>, <see cref="Blocks"/>, <see cref="FinalNorm"/> and
/// <see cref="TokenEmbeddingWeight"/>; the other members are optional. Blocks call their sub-layers through
/// <c>.call()</c> and pass activations through <see cref="ForwardContext.Hook"/> under the names of
/// <see cref="Hooks.HookNames"/>, so hooks, captures and the key/value cache (<see cref="AttentionCore"/>) work as
/// they do for the built-in architectures.
/// </remarks>
public abstract class CausalLanguageModel : nn.Module<CausalLMInput, CausalLMOutput>
{
    /// <param name="name">The module name (Hugging Face's class name, e.g. <c>LlamaForCausalLM</c>).</param>
    /// <param name="config">Validated here, so a module never exists for an inconsistent or unregistered config.</param>
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
    protected virtual bool IsConstantBuffer(string key) => false;

    /// <summary>The token embedding matrix [vocab, hidden] (also the LM head when tied).</summary>
    public abstract Parameter TokenEmbeddingWeight { get; }

    /// <summary>The transformer blocks in order; block i names its hook points <c>blocks.{i}.…</c>.</summary>
    protected abstract IReadOnlyList<nn.Module<BlockInput, Tensor>> Blocks { get; }

    /// <summary>The residual stream entering block 0 [batch, seq, hidden] (token plus any learned position embeddings).</summary>
    protected abstract Tensor Embed(Tensor inputIds, Tensor positionIds);

    /// <summary>The norm after the last block, whose output feeds the LM head.</summary>
    protected abstract Tensor FinalNorm(Tensor hidden);

    /// <summary>
    /// True when positions index a learned table of <see cref="LanguageModelConfig.MaxPositions"/> rows (GPT-2), so a
    /// longer sequence is an error rather than an extrapolation.
    /// </summary>
    protected virtual bool HasLearnedPositions => false;

    /// <summary>Adds the untied LM head; subclasses call it last in their constructor, after RegisterComponents.</summary>
    protected void RegisterHead()
    {
        if (Config.TieWordEmbeddings) return;
        _lmHead = nn.Linear(Config.HiddenSize, Config.VocabSize, hasBias: false);
        register_module("lm_head", _lmHead);
    }

    private Tensor LmHead(Tensor hidden) => _lmHead is null ? F.linear(hidden, TokenEmbeddingWeight) : _lmHead.call(hidden);

    /// <summary>Rotary cos/sin tables for these positions, shared by every block through <see cref="ForwardContext"/>.</summary>
    protected virtual (Tensor? Cos, Tensor? Sin) RotaryTables(Tensor positionIds, ScalarType dtype) => (null, null);

    /// <summary>Parameters whose initial scale shrinks with depth (GPT-2's residual projections).</summary>
    protected virtual bool IsResidualProjection(string name) => false;

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
        if (HasLearnedPositions && start + seq > Config.MaxPositions)
            throw new ArgumentException($"sequence reaches position {start + seq}, beyond the model's {Config.MaxPositions} learned positions");

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
