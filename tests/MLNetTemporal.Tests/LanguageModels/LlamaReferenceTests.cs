using FluentAssertions;
using MLNetTemporal.LanguageModels;
using Xunit;
using static TorchSharp.torch;

namespace MLNetTemporal.Tests.LanguageModels;

/// <summary>
/// Compares the Llama-family module with a plain float64 forward written here from the equations, reading weights by
/// their Hugging Face names; it shares no code with the module.
/// </summary>
public class LlamaReferenceTests
{
    internal static LanguageModelConfig Config(string type, bool tied, int kvHeads) => new()
    {
        ModelType = type, VocabSize = 50, HiddenSize = 16, NumLayers = 2, NumHeads = 4, NumKeyValueHeads = kvHeads,
        IntermediateSize = 24, MaxPositions = 64, NormEpsilon = 1e-6, RopeTheta = 10000, TieWordEmbeddings = tied,
        QkvBias = type == "qwen2", Activation = "silu",
    };

    [Theory]
    [InlineData("llama", false, 4)]
    [InlineData("llama", true, 2)]
    [InlineData("qwen2", false, 2)]
    [InlineData("mistral", false, 1)]
    public void ModuleMatchesFloat64Reference(string type, bool tied, int kvHeads)
    {
        var config = Config(type, tied, kvHeads);
        using var model = LanguageModelFactory.Create(config, seed: 7);
        using (no_grad())
            foreach (var (name, p) in model.named_parameters())
                if (name.EndsWith("bias") || name.EndsWith("norm.weight") || name.EndsWith("layernorm.weight"))
                    p.copy_(randn(p.shape) * 0.5 + (name.EndsWith("bias") ? 0 : 1));
        model.eval();
        long[] ids = [3, 17, 4, 49, 0, 12, 8];
        using var input = tensor(ids).unsqueeze(0);
        var output = model.call(new CausalLMInput(input));
        var actual = output.Logits!.squeeze(0).to(ScalarType.Float64);

        var w = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().to(ScalarType.Float64));
        var expected = ReferenceForward(config, w, ids);
        (actual - expected).abs().max().item<double>().Should().BeLessThan(1e-5);
    }

    internal static Tensor ReferenceForward(LanguageModelConfig c, Dictionary<string, Tensor> w, long[] ids)
    {
        int T = ids.Length, H = c.NumHeads, KV = c.NumKeyValueHeads, D = c.HiddenSize / H;
        var x = stack(ids.Select(i => w["model.embed_tokens.weight"][i]).ToArray()); // [T, hidden]
        Tensor Rms(Tensor v, string name) => v / (v.pow(2).mean([-1], keepdim: true) + c.NormEpsilon).sqrt() * w[name];
        Tensor Lin(Tensor v, string name) => v.matmul(w[name + ".weight"].t()) + (w.TryGetValue(name + ".bias", out var b) ? b : 0.0);
        Tensor Rotate(Tensor v, int pos) // v [D]: pairs (i, i + D/2) rotated by pos * theta^(-2i/D)
        {
            var r = v.clone();
            for (int i = 0; i < D / 2; i++)
            {
                double angle = pos * Math.Pow(c.RopeTheta, -2.0 * i / D);
                double a = v[i].item<double>(), b = v[i + D / 2].item<double>();
                r[i] = a * Math.Cos(angle) - b * Math.Sin(angle);
                r[i + D / 2] = b * Math.Cos(angle) + a * Math.Sin(angle);
            }
            return r;
        }
        for (int l = 0; l < c.NumLayers; l++)
        {
            var p = $"model.layers.{l}.";
            var h = Rms(x, p + "input_layernorm.weight");
            var q = Lin(h, p + "self_attn.q_proj");
            var k = Lin(h, p + "self_attn.k_proj");
            var v = Lin(h, p + "self_attn.v_proj");
            var heads = new List<Tensor>();
            for (int head = 0; head < H; head++)
            {
                int kvHead = head / (H / KV);
                var rows = new List<Tensor>();
                for (int t = 0; t < T; t++)
                {
                    var qt = Rotate(q[t, TensorIndex.Slice(head * D, (head + 1) * D)], t);
                    var scores = new double[t + 1];
                    for (int s = 0; s <= t; s++)
                        scores[s] = qt.dot(Rotate(k[s, TensorIndex.Slice(kvHead * D, (kvHead + 1) * D)], s)).item<double>() / Math.Sqrt(D);
                    var max = scores.Max();
                    var e = scores.Select(z => Math.Exp(z - max)).ToArray();
                    var sum = e.Sum();
                    var row = zeros(D, dtype: ScalarType.Float64);
                    for (int s = 0; s <= t; s++) row += e[s] / sum * v[s, TensorIndex.Slice(kvHead * D, (kvHead + 1) * D)];
                    rows.Add(row);
                }
                heads.Add(stack(rows.ToArray()));
            }
            x = x + Lin(cat(heads.ToArray(), 1), p + "self_attn.o_proj");
            h = Rms(x, p + "post_attention_layernorm.weight");
            var gate = Lin(h, p + "mlp.gate_proj");
            x = x + Lin(gate / (1 + (-gate).exp()) * Lin(h, p + "mlp.up_proj"), p + "mlp.down_proj");
        }
        x = Rms(x, "model.norm.weight");
        return x.matmul((w.TryGetValue("lm_head.weight", out var head_) ? head_ : w["model.embed_tokens.weight"]).t());
    }
}
