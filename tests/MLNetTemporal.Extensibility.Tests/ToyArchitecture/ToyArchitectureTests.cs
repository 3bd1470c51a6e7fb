using System.Text.Json.Nodes;
using FluentAssertions;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.LanguageModels.Hooks;
using MLNetTemporal.Text;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MLNetTemporal.Extensibility.Tests.ToyArchitecture;

/// <summary>An architecture added from outside the library loads, saves, hooks and caches like the built-in ones.</summary>
public sealed class ToyArchitectureTests
{
    private static readonly Lazy<LanguageModelTokenizer> Tokenizer = new(() => LanguageModelTokenizer.FromByteLevelBpe(
        new ByteLevelBpeTrainer(new ByteLevelBpeTrainerOptions { VocabSize = 300, MinFrequency = 1 })
            .Train(["the toy model reads a line", "a line the toy model reads", "toy lines are short"])));

    private static LanguageModel NewModel(long seed = 3) =>
        LanguageModel.Create(ToyArchitecture.Config(Tokenizer.Value.VocabSize), Tokenizer.Value, seed, CPU);

    private static Tensor Ids(LanguageModel model, string text) => tensor(model.Tokenizer.Encode(text, addBos: true).Select(i => (long)i).ToArray()).unsqueeze(0);

    [Fact]
    public void A_saved_folder_loads_back_by_model_type_with_identical_logits()
    {
        var folder = Directory.CreateTempSubdirectory("mlnet-temporal-toy-").FullName;
        try
        {
            using var model = NewModel();
            model.Save(folder);
            var config = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "config.json")))!.AsObject();
            config["model_type"]!.GetValue<string>().Should().Be(ToyArchitecture.ModelType);
            config["d_model"]!.GetValue<int>().Should().Be(32);

            using var loaded = LanguageModel.Load(folder, CPU);
            loaded.Module.Should().BeOfType<ToyForCausalLM>();
            loaded.Config.Should().BeEquivalentTo(model.Config, o => o.Excluding(c => c.Source));
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var ids = Ids(model, "the toy model reads");
            var expected = model.Module.call(new CausalLMInput(ids)).Logits!;
            var actual = loaded.Module.call(new CausalLMInput(ids)).Logits!;
            actual.eq(expected).all().item<bool>().Should().BeTrue("the weights round-trip bit for bit");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Logits_equal_a_forward_written_out_with_plain_torch_ops()
    {
        using var model = NewModel();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var ids = Ids(model, "toy lines are short");
        var logits = model.Module.call(new CausalLMInput(ids)).Logits!;
        var (expected, _) = ReferenceForward(model, ids);
        logits.to(ScalarType.Float64).allclose(expected, rtol: 0, atol: 1e-4).Should().BeTrue();
    }

    [Fact]
    public void Hook_points_capture_the_residual_stream_and_the_attention_pattern()
    {
        using var model = NewModel();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var ids = Ids(model, "a line the toy model reads");
        var hooks = new ActivationHooks().Capture(HookNames.ResidPost(0), HookNames.AttentionPattern(1));
        using var captured = hooks.Cache;
        model.Module.call(new CausalLMInput(ids) { Hooks = hooks });

        var (_, residuals) = ReferenceForward(model, ids);
        captured[HookNames.ResidPost(0)].to(ScalarType.Float64).allclose(residuals[0], rtol: 0, atol: 1e-4).Should().BeTrue();
        var pattern = captured[HookNames.AttentionPattern(1)];
        long seq = ids.shape[1];
        pattern.shape.Should().Equal(1, 4, seq, seq);
        pattern.sum(-1).allclose(ones(1, 4, seq), atol: 1e-5).Should().BeTrue();
        pattern.triu(1).abs().max().item<float>().Should().Be(0f, "attention is causal");
    }

    [Fact]
    public void Decoding_with_the_key_value_cache_matches_the_full_forward()
    {
        using var model = NewModel();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var ids = Ids(model, "the toy model reads a line");
        long seq = ids.shape[1];
        var full = model.Module.call(new CausalLMInput(ids)).Logits!;
        using var prefix = model.Module.call(new CausalLMInput(ids.narrow(1, 0, seq - 1)) { UseCache = true }).PresentKeyValues!;
        var last = model.Module.call(new CausalLMInput(ids.narrow(1, seq - 1, 1)) { PastKeyValues = prefix }).Logits!;
        last.allclose(full.narrow(1, seq - 1, 1), atol: 1e-5).Should().BeTrue();
    }

    [Fact]
    public void An_unknown_model_type_is_one_error_that_lists_the_registered_ones()
    {
        ToyArchitecture.EnsureRegistered();
        var read = () => LanguageModelConfig.FromJson(new JsonObject { ["model_type"] = "no_such_model" });
        read.Should().Throw<NotSupportedException>()
            .WithMessage("*no_such_model*").And.Message.Should().ContainAll("gpt2", "llama", "qwen2", "mistral", ToyArchitecture.ModelType);
    }

    /// <summary>
    /// The toy's forward from its state dict with matrix products, hand-written LayerNorm and softmax, in float64:
    /// logits and the residual stream after each block.
    /// </summary>
    private static (Tensor Logits, List<Tensor> Residuals) ReferenceForward(LanguageModel model, Tensor ids)
    {
        var w = model.Module.state_dict().ToDictionary(p => p.Key, p => p.Value.to(ScalarType.Float64));
        var c = model.Config;
        long seq = ids.shape[1];
        int heads = c.NumHeads, d = c.HeadDim;

        Tensor Linear(Tensor x, string name) => x.matmul(w[name + ".weight"].t()) + w[name + ".bias"];
        Tensor Norm(Tensor x, string name)
        {
            var mean = x.mean([-1], keepdim: true);
            var variance = (x - mean).pow(2).mean([-1], keepdim: true);
            return (x - mean) / (variance + c.NormEpsilon).sqrt() * w[name + ".weight"] + w[name + ".bias"];
        }
        Tensor Heads(Tensor x) => x.view(seq, heads, d).transpose(0, 1);

        var x = w["model.embed_tokens.weight"].index_select(0, ids[0]) + w["model.embed_positions.weight"].narrow(0, 0, seq);
        var future = ones(seq, seq, dtype: ScalarType.Bool).triu(1);
        var residuals = new List<Tensor>();
        for (int i = 0; i < c.NumLayers; i++)
        {
            var p = $"model.layers.{i}.";
            var h = Norm(x, p + "attn_norm");
            var (q, k, v) = (Heads(Linear(h, p + "attn.q_proj")), Heads(Linear(h, p + "attn.k_proj")), Heads(Linear(h, p + "attn.v_proj")));
            var scores = q.matmul(k.transpose(1, 2)).div(Math.Sqrt(d)).masked_fill(future, double.NegativeInfinity);
            var weights = scores.exp() / scores.exp().sum(-1, keepdim: true);
            x = x + Linear(weights.matmul(v).transpose(0, 1).reshape(seq, heads * d), p + "attn.o_proj");
            x = x + Linear(Linear(Norm(x, p + "mlp_norm"), p + "fc_in").clamp_min(0), p + "fc_out");
            residuals.Add(x.unsqueeze(0));
        }
        var logits = Norm(x, "model.final_norm").matmul(w["lm_head.weight"].t());
        return (logits.unsqueeze(0), residuals);
    }
}
