using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using MLNetTemporal.Bench;
using MLNetTemporal.Bench.Methods;
using MLNetTemporal.Runtime;
using static TorchSharp.torch;

TorchNativeLoader.EnsureLoaded();

if (MethodBenchmarks.Handles(args)) return await MethodBenchmarks.Run(args);

BenchOptions? options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}
if (options is null)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

Timing.MaxWaitSeconds = options.MaxWaitSeconds;
var report = new StringBuilder();
var runStart = CpuLoad.Snapshot();
int threads = get_num_threads();
report.AppendLine("## MLNetTemporal benchmark").AppendLine();
report.AppendLine(EnvironmentTable(threads)).AppendLine();
if (File.Exists("/proc/loadavg")) report.AppendLine($"Load average at start: {File.ReadAllText("/proc/loadavg").Trim()}").AppendLine();

// 1. The machine's measured fp32 matmul peak.
Log("matmul peak");
var peakTable = new MarkdownTable("fp32 mm", "threads", "best ms", "GFLOP/s", "Cores own / others");
double peak = 0;
int peakSize = 0;
foreach (var n in options.Quick ? new[] { 1024, 2048 } : [1024, 2048, 3072])
{
    var (seconds, gflops, load) = Kernels.MatmulPeak(n, options.Quick ? 3 : 8);
    if (!load.Enough) Log($"matmul {n}: contended");
    peakTable.Add($"{n}×{n} @ {n}×{n}", threads.ToString(), Fmt.Ms(seconds), Fmt.F(gflops), load.Describe());
    if (gflops > peak) (peak, peakSize) = (gflops, n);
}
report.AppendLine($"### Measured fp32 matmul peak: **{Fmt.F(peak)} GFLOP/s** ({peakSize}² `torch.mm`, best of runs after warm-up, {threads} threads)").AppendLine();
report.AppendLine(peakTable.ToString());

// 2-4. Models: forward, training step, hooked forwards.
int b = options.Batch, s = options.Sequence;
report.AppendLine($"### Models at {b * s} tokens per batch (batch {b} × seq {s}), median of {options.Iterations} after {options.Warmup} warm-up").AppendLine();
var table = new MarkdownTable("Model", "Params (total / non-emb)", "Mode", "Median ms", "Tokens/s", "GFLOP/s", "MFU", "vs plain fwd", "Cores own / others");
var goals = new List<string>();
double smallForward = 0, smallTrain = 0;
foreach (var (name, config) in new[] { ("gpt2-tiny", BenchModels.Gpt2Tiny), ("gpt2-small", BenchModels.Gpt2Small), ("llama-small", BenchModels.LlamaSmall) })
{
    using var bench = new ModelBench(name, config, b, Math.Min(s, config.MaxPositions));
    var label = $"{name} ({config.NumLayers}L d{config.HiddenSize} h{config.NumHeads}{(config.NumKeyValueHeads != config.NumHeads ? $"/kv{config.NumKeyValueHeads}" : "")} ff{config.IntermediateSize} V{config.VocabSize})";
    var sizes = $"{Fmt.Millions(bench.TotalParams)} / {Fmt.Millions(bench.NonEmbeddingParams)}";
    void Row(string mode, double seconds, double flops, string vsPlain) =>
        table.Add(label, sizes, mode, Fmt.Ms(seconds), Fmt.Int(bench.Tokens / seconds), Fmt.F(flops / seconds / 1e9), Fmt.Pct(flops / seconds / 1e9 / peak), vsPlain, Timing.Last.Describe());

    Log($"{name} forward");
    var forward = bench.Forward(options.Warmup, options.Iterations);
    Row("forward (eval, no_grad)", forward, bench.ForwardFlops, "");
    Log($"{name} training step");
    var train = bench.TrainStep(options.Warmup, options.Iterations);
    Row("train step (fwd+bwd+AdamW)", train, bench.TrainFlops, "");
    if (name == "gpt2-tiny") continue;

    Log($"{name} forward, all residual streams captured");
    var resid = bench.ForwardWithCapture(n => n.Contains("hook_resid", StringComparison.Ordinal), options.Warmup, options.Iterations);
    Row($"forward + capture resid ({resid.Captured} tensors, {Fmt.F(resid.CapturedMiB, 0)} MiB)", resid.Seconds, bench.ForwardFlops, Fmt.Signed(resid.Seconds / forward - 1));
    Log($"{name} forward, every hook captured");
    var all = bench.ForwardWithCapture(_ => true, options.Warmup, options.Iterations);
    Row($"forward + capture all ({all.Captured} tensors, {Fmt.F(all.CapturedMiB, 0)} MiB, explicit attn)", all.Seconds, bench.ForwardFlops, Fmt.Signed(all.Seconds / forward - 1));

    if (name == "gpt2-small")
    {
        (smallForward, smallTrain) = (forward, train);
        double fwdMfu = bench.ForwardFlops / forward / 1e9 / peak, trainMfu = bench.TrainFlops / train / 1e9 / peak;
        double residOverhead = resid.Seconds / forward - 1;
        goals.Add($"- small forward MFU ≥ 55%: **{Fmt.Pct(fwdMfu)}** — {(fwdMfu >= 0.55 ? "met" : "NOT met")}");
        goals.Add($"- small training-step MFU ≥ 45%: **{Fmt.Pct(trainMfu)}** — {(trainMfu >= 0.45 ? "met" : "NOT met")}");
        goals.Add($"- capture of all residual streams ≤ 10% extra: **{Fmt.Signed(residOverhead)}** — {(residOverhead <= 0.10 ? "met" : "NOT met")}");
    }
}
report.AppendLine(table.ToString());
report.AppendLine(BenchModels.FlopsFormula).AppendLine();
report.AppendLine("Training step = the library's `TrainingLoop` step: `LanguageModelLoss.Compute` (cross-entropy over the " +
    $"{s - 1} predicted positions of each block), backward, gradient scaling, global-norm clip 1.0, AdamW (decay on matrices); dropout 0; " +
    "tokens/s counts the batch's input tokens. Hooked rows: a fresh `ActivationHooks().Capture(filter)` per iteration, cache disposed each time; " +
    "`Capture(_ => true)` also switches every layer to explicit (materialised) attention.").AppendLine();
report.AppendLine("### Goals (gpt2-small)").AppendLine().AppendJoin('\n', goals).AppendLine().AppendLine();

// The main tables are printed (and written) now, so a long or contended profile cannot lose them.
Console.WriteLine(report.ToString());
if (options.OutPath is not null) File.WriteAllText(options.OutPath, report.ToString());
int printed = report.Length;

// 5. Where the time goes.
if (options.Profile)
{
    Log("profile");
    report.AppendLine(Profile.Run(options, peak, smallForward, smallTrain));
}

var runLoad = CpuLoad.Since(runStart);
report.AppendLine($"Whole run: this process kept {Fmt.F(runLoad.OwnCores, 2)} cores busy on average, other processes {(double.IsNaN(runLoad.OtherCores) ? "n/a" : Fmt.F(runLoad.OtherCores, 2))} " +
    $"(of {System.Environment.ProcessorCount}). \"Cores own / others\": average busy cores of this process / of all other processes " +
    $"over the iterations reported, from /proc/stat; k/n clean: timed iterations during which others kept ≤ {Fmt.F(Timing.QuietThreshold, 2)} cores busy, " +
    "out of those run (contended ones are retried and left out of the median; CONTENDED marks a row with too few clean ones).");
var text = report.ToString();
Console.WriteLine(text[printed..]);
if (options.OutPath is not null)
{
    var folder = Path.GetDirectoryName(Path.GetFullPath(options.OutPath));
    if (folder is not null) Directory.CreateDirectory(folder);
    File.WriteAllText(options.OutPath, text);
    Console.Error.WriteLine($"report written to {options.OutPath}");
}
return 0;

static void Log(string what) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {what}");

static string EnvironmentTable(int threads)
{
    string cpu = "unknown", flags = "";
    int? physical = null;
    try
    {
        var lines = File.ReadAllLines("/proc/cpuinfo");
        cpu = lines.FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        var cores = lines.FirstOrDefault(l => l.StartsWith("cpu cores", StringComparison.Ordinal));
        if (cores is not null && int.TryParse(cores.Split(':', 2)[1].Trim(), out var c)) physical = c;
        var flagLine = lines.FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal)) ?? "";
        var set = flagLine.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        flags = string.Join(" ", new[] { "avx2", "fma", "avx512f", "avx512_bf16", "amx_tile" }.Where(set.Contains));
    }
    catch (IOException)
    {
    }
    var torchSharp = typeof(TorchSharp.torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString();
    var t = new MarkdownTable("Environment", "");
    t.Add("CPU", cpu);
    t.Add("SIMD flags", flags.Length > 0 ? flags : "n/a");
    t.Add("logical cores (.NET)", System.Environment.ProcessorCount.ToString());
    t.Add("physical cores per socket (/proc/cpuinfo)", physical?.ToString() ?? "n/a");
    t.Add("torch threads (`get_num_threads`, default)", threads.ToString());
    t.Add("interop threads", get_num_interop_threads().ToString());
    t.Add("TorchSharp / libtorch", $"{torchSharp?.Split('+')[0]} / {__version__}");
    t.Add(".NET / OS", $"{RuntimeInformation.FrameworkDescription} / {RuntimeInformation.OSDescription}");
    t.Add("dtype / device", "float32 / cpu");
    return t.ToString();
}
