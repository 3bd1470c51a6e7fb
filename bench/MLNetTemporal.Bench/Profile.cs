using System.Diagnostics;
using System.Text;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MLNetTemporal.Bench;

/// <summary>
/// Where the gpt2-small forward and training step spend their time: each op of the forward timed alone at the
/// model's shapes (times the number of calls per forward), alternatives for the expensive ones, a plain stack of the
/// same linear layers as a ceiling, thread scaling of the matmul, and the phases of a training step.
/// </summary>
internal static class Profile
{
    public static string Run(BenchOptions o, double peak, double measuredForward, double measuredTrain)
    {
        using var scope = NewDisposeScope();
        var c = BenchModels.Gpt2Small;
        long b = o.Batch, s = Math.Min(o.Sequence, c.MaxPositions), T = b * s;
        long d = c.HiddenSize, ff = c.IntermediateSize, V = c.VocabSize, L = c.NumLayers, h = c.NumHeads, hd = c.HeadDim;
        int warm = o.Warmup, iters = o.Iterations;
        var gen = new Generator(5, device("cpu"));
        Tensor R(params long[] shape) => randn(shape, generator: gen).mul_(0.02);

        var sb = new StringBuilder();
        sb.AppendLine($"### Profile: gpt2-small forward, op by op (batch {b} × seq {s}, no_grad)").AppendLine();
        var t = new MarkdownTable("Op (as the model runs it)", "Shape", "Calls", "ms/call", "ms/forward", "Share of fwd", "GFLOP/s", "Cores own / others");
        double sum = 0;

        double Op(MarkdownTable table, string name, string shape, long calls, Action body, double flopsPerCall, bool summed = true)
        {
            var perCall = TimeOp(body, warm, iters);
            var perForward = perCall * calls;
            if (summed) sum += perForward;
            table.Add(name, shape, calls.ToString(), Fmt.Ms(perCall), Fmt.Ms(perForward),
                measuredForward > 0 ? Fmt.Pct(perForward / measuredForward) : "", flopsPerCall > 0 ? Fmt.F(flopsPerCall / perCall / 1e9) : "", Timing.Last.Describe());
            return perCall;
        }

        using var noGrad = no_grad();
        var x = R(b, s, d);
        var xff = R(b, s, ff);
        // Conv1D layout [in, out] (GPT-2 checkpoints) and nn.Linear layout [out, in].
        var wAttn = R(d, 3 * d); var bAttn = zeros(3 * d);
        var wO = R(d, d); var bO = zeros(d);
        var wFc = R(d, ff); var bFc = zeros(ff);
        var wProj = R(ff, d); var bProj = zeros(d);
        var wte = R(V, d); var wpe = R(c.MaxPositions, d);
        var lnW = ones(d); var lnB = zeros(d);
        Tensor Conv1D(Tensor input, Tensor w, Tensor bias) =>
            addmm(bias, input.reshape(-1, input.shape[^1]), w, 1, 1).view([.. input.shape[..^1], w.shape[1]]);

        Op(t, "Conv1D addmm c_attn", $"[{T},{d}]·[{d},{3 * d}]", L, () => Conv1D(x, wAttn, bAttn), 2.0 * T * d * 3 * d);
        Op(t, "Conv1D addmm attn.c_proj", $"[{T},{d}]·[{d},{d}]", L, () => Conv1D(x, wO, bO), 2.0 * T * d * d);
        Op(t, "Conv1D addmm c_fc", $"[{T},{d}]·[{d},{ff}]", L, () => Conv1D(x, wFc, bFc), 2.0 * T * d * ff);
        Op(t, "Conv1D addmm mlp.c_proj", $"[{T},{ff}]·[{ff},{d}]", L, () => Conv1D(xff, wProj, bProj), 2.0 * T * d * ff);
        Op(t, "LM head F.linear (tied wte)", $"[{T},{d}]·[{V},{d}]ᵀ", 1, () => F.linear(x, wte), 2.0 * T * d * V);
        var qkv = R(b, s, 3 * d).view(b, s, 3, h, hd).permute(2, 0, 3, 1, 4);
        Tensor q = qkv[0], k = qkv[1], v = qkv[2];
        double attnFlops = 4.0 * b * h * s * s * hd;
        Op(t, "scaled_dot_product_attention causal", $"[{b},{h},{s},{hd}] strided", L, () => F.scaled_dot_product_attention(q, k, v, null, 0, true), attnFlops);
        var z = R(b, h, s, hd);
        Op(t, "head merge transpose+reshape (copy)", $"[{b},{s},{h},{hd}]", L, () => z.transpose(1, 2).reshape(b, s, d), 0);
        Op(t, "LayerNorm", $"[{b},{s},{d}]", 2 * L + 1, () => F.layer_norm(x, [d], lnW, lnB, 1e-5), 0);
        Op(t, "GELU tanh", $"[{b},{s},{ff}]", L, () => F.gelu(xff, GELU.Approximate.tanh), 0);
        Op(t, "residual add", $"[{b},{s},{d}]", 2 * L, () => _ = x + x, 0);
        var ids = randint(V, [b, s], generator: gen);
        var pos = arange(s).unsqueeze(0).expand(b, s);
        Op(t, "embedding wte[ids] + wpe[pos]", $"[{b},{s}]→[{b},{s},{d}]", 1, () => _ = wte.index_select(0, ids.flatten()).view(b, s, d) + wpe.index_select(0, pos.flatten()).view(b, s, d), 0);
        t.Add("**sum of ops**", "", "", "", $"**{Fmt.Ms(sum)}**", measuredForward > 0 ? Fmt.Pct(sum / measuredForward) : "", "", "");
        if (measuredForward > 0)
            t.Add("measured model forward (above)", "", "", "", Fmt.Ms(measuredForward), "100%", "", "");
        sb.AppendLine(t.ToString());

        // Alternatives for the expensive ops, not in the sum.
        sb.AppendLine("#### Alternatives at the same shapes").AppendLine();
        var alt = new MarkdownTable("Op", "Shape", "Calls", "ms/call", "ms/forward", "Share of fwd", "GFLOP/s", "Cores own / others");
        var lAttn = R(3 * d, d); var lO = R(d, d); var lFc = R(ff, d); var lProj = R(d, ff);
        Op(alt, "F.linear (nn.Linear layout) c_attn", $"[{T},{d}]·[{3 * d},{d}]ᵀ", L, () => F.linear(x, lAttn, bAttn), 2.0 * T * d * 3 * d, false);
        Op(alt, "F.linear attn.c_proj", $"[{T},{d}]·[{d},{d}]ᵀ", L, () => F.linear(x, lO, bO), 2.0 * T * d * d, false);
        Op(alt, "F.linear c_fc", $"[{T},{d}]·[{ff},{d}]ᵀ", L, () => F.linear(x, lFc, bFc), 2.0 * T * d * ff, false);
        Op(alt, "F.linear mlp.c_proj", $"[{T},{ff}]·[{d},{ff}]ᵀ", L, () => F.linear(xff, lProj, bProj), 2.0 * T * d * ff, false);
        var x2 = x.reshape(T, d);
        Op(alt, "mm (no bias) c_fc", $"[{T},{d}]·[{d},{ff}]", L, () => mm(x2, wFc), 2.0 * T * d * ff, false);
        var wteT = wte.t().contiguous();
        Op(alt, "LM head mm with wteᵀ contiguous", $"[{T},{d}]·[{d},{V}]", 1, () => mm(x2, wteT), 2.0 * T * d * V, false);
        Tensor qc = q.contiguous(), kc = k.contiguous(), vc = v.contiguous();
        Op(alt, "SDPA causal, contiguous q/k/v", $"[{b},{h},{s},{hd}]", L, () => F.scaled_dot_product_attention(qc, kc, vc, null, 0, true), attnFlops, false);
        Op(alt, "SDPA non-causal", $"[{b},{h},{s},{hd}]", L, () => F.scaled_dot_product_attention(q, k, v, null, 0, false), attnFlops, false);
        var causal = triu(full(s, s, float.NegativeInfinity), 1);
        Op(alt, "explicit attention (hooked path)", $"[{b},{h},{s},{s}] scores", L, () =>
        {
            var scores = q.matmul(k.transpose(-2, -1)).mul_(1.0 / Math.Sqrt(hd)).add_(causal);
            F.softmax(scores, -1).matmul(v);
        }, attnFlops, false);
        Op(alt, "GELU exact (erf)", $"[{b},{s},{ff}]", L, () => F.gelu(xff), 0, false);
        sb.AppendLine(alt.ToString());

        // A plain stack of the same linear layers: the ceiling for these skinny shapes.
        sb.AppendLine("#### Ceiling: plain TorchSharp stack of the same matmuls (no norms, activations or attention)").AppendLine();
        var stack = new MarkdownTable("Stack", "ms", "GFLOP/s", "MFU", "Cores own / others");
        double linearFlops = 2.0 * T * L * (d * 3 * d + d * d + 2 * d * ff) + 2.0 * T * d * V;
        void StackRow(string name, Action body)
        {
            var sec = TimeOp(body, warm, iters);
            stack.Add(name, Fmt.Ms(sec), Fmt.F(linearFlops / sec / 1e9), Fmt.Pct(linearFlops / sec / 1e9 / peak), Timing.Last.Describe());
        }
        StackRow("F.linear ×4 per layer ×6 + LM head (nn.Linear layout)", () =>
        {
            var hdn = x;
            for (int i = 0; i < L; i++)
            {
                var a = F.linear(hdn, lAttn, bAttn);
                hdn = hdn + F.linear(a.narrow(-1, 0, d), lO, bO);
                hdn = hdn + F.linear(F.linear(hdn, lFc, bFc), lProj, bProj);
            }
            F.linear(hdn, wte);
        });
        StackRow("Conv1D addmm ×4 per layer ×6 + LM head (model's layout)", () =>
        {
            var hdn = x;
            for (int i = 0; i < L; i++)
            {
                var a = Conv1D(hdn, wAttn, bAttn);
                hdn = hdn + Conv1D(a.narrow(-1, 0, d), wO, bO);
                hdn = hdn + Conv1D(Conv1D(hdn, wFc, bFc), wProj, bProj);
            }
            F.linear(hdn, wte);
        });
        sb.AppendLine(stack.ToString());
        sb.AppendLine($"Stack FLOPs = {Fmt.F(linearFlops / 1e9, 2)} GFLOP (the model forward counts {Fmt.F(BenchModels.ForwardFlops(c, 0, b, s) / 1e9 + 2.0 * T * L * (d * 3 * d + d * d + 2 * d * ff) / 1e9, 2)} GFLOP incl. attention).").AppendLine();

        // Thread scaling of the matmul.
        int threads = get_num_threads();
        var threadTable = new MarkdownTable("Threads", "2048² mm GFLOP/s", "c_fc addmm GFLOP/s", "Cores own / others (c_fc)");
        foreach (var n in new[] { 1, threads }.Distinct())
        {
            set_num_threads(n);
            try
            {
                var (_, g, _) = Kernels.MatmulPeak(2048, o.Quick ? 3 : 5);
                var fc = TimeOp(() => Conv1D(x, wFc, bFc), warm, iters);
                threadTable.Add(n.ToString(), Fmt.F(g), Fmt.F(2.0 * T * d * ff / fc / 1e9), Timing.Last.Describe());
            }
            finally
            {
                set_num_threads(threads);
            }
        }
        sb.AppendLine("#### Thread scaling").AppendLine().AppendLine(threadTable.ToString());

        noGrad.Dispose();
        sb.AppendLine(TrainingPhases(o, peak, measuredTrain));
        return sb.ToString();
    }

    /// <summary>Phases of the gpt2-small training step, each timed on its own.</summary>
    private static string TrainingPhases(BenchOptions o, double peak, double measuredTrain)
    {
        using var bench = new ModelBench("gpt2-small", BenchModels.Gpt2Small, o.Batch, Math.Min(o.Sequence, BenchModels.Gpt2Small.MaxPositions));
        var (optimizer, parameters) = bench.NewOptimizer();
        var loadsRef = new Dictionary<string, MeasureInfo>();
        double Timed(string key, Action body)
        {
            var sec = TimeOp(body, o.Warmup, o.Iterations);
            loadsRef[key] = Timing.Last;
            return sec;
        }
        using var opt = optimizer;
        bench.Model.train();
        var t = new MarkdownTable("Training-step phase (gpt2-small)", "ms", "Share of step", "GFLOP/s", "Cores own / others");
        var loads = loadsRef;
        double fwdFlops = bench.ForwardFlops;
        void Row(string name, double sec, double flops, string load) =>
            t.Add(name, Fmt.Ms(sec), measuredTrain > 0 ? Fmt.Pct(sec / measuredTrain) : "", flops > 0 ? Fmt.F(flops / sec / 1e9) : "", load);

        var forwardLoss = Timed("forwardLoss", () => Training.LanguageModelLoss.Compute(bench.Model, bench.Blocks));
        var forwardBackward = Timed("forwardBackward", () =>
        {
            var (loss, n) = Training.LanguageModelLoss.Compute(bench.Model, bench.Blocks);
            (loss * n).backward();
        });
        // gradients now exist for the optimiser-only phases
        var clip = Timed("clip", () =>
        {
            using (no_grad())
                foreach (var p in parameters) p.grad?.div_(1.0);
            nn.utils.clip_grad_norm_(parameters, 1.0);
        });
        var adam = Timed("adam", () => optimizer.step());
        var logits = randn([bench.Tokens, bench.Config.VocabSize]).requires_grad_(true);
        var targets = randint(bench.Config.VocabSize, [bench.Tokens]);
        var crossEntropy = Timed("crossEntropy", () => F.cross_entropy(logits, targets).backward());
        var full = Timed("full", () => bench.Step(optimizer, parameters));
        logits.Dispose();
        targets.Dispose();

        string L(string key) => loads[key].Describe();
        Row("forward + loss (train mode, autograd on)", forwardLoss, fwdFlops, L("forwardLoss"));
        Row("forward + loss + backward", forwardBackward, 3 * fwdFlops, L("forwardBackward"));
        Row("  backward alone (difference)", forwardBackward - forwardLoss, 2 * fwdFlops, "");
        Row("grad scaling + clip_grad_norm_", clip, 0, L("clip"));
        Row("AdamW step", adam, 0, L("adam"));
        Row("cross-entropy fwd+bwd alone (inside fwd/bwd above)", crossEntropy, 0, L("crossEntropy"));
        Row("**full step, timed here**", full, 3 * fwdFlops, L("full"));
        if (measuredTrain > 0) Row("full step, table above", measuredTrain, 3 * fwdFlops, "");
        bench.Model.eval();
        var sb = new StringBuilder();
        sb.AppendLine($"#### Training step, phase by phase (MFU of the full step here: {Fmt.Pct(3 * fwdFlops / full / 1e9 / peak)})").AppendLine();
        sb.AppendLine(t.ToString());
        return sb.ToString();
    }

    /// <summary>Median seconds per call; short ops are repeated inside each timed iteration (≥ ~100 ms each, so that
    /// /proc/stat's 10 ms ticks can tell whether another process ran meanwhile).</summary>
    private static double TimeOp(Action body, int warmup, int iterations)
    {
        var sw = Stopwatch.StartNew();
        using (NewDisposeScope()) body();
        var once = sw.Elapsed.TotalSeconds;
        int inner = (int)Math.Clamp(Math.Ceiling(0.1 / Math.Max(once, 1e-6)), 1, 1000);
        return Timing.MedianPerCall(body, warmup, iterations, inner);
    }
}
