using System.CommandLine;
using System.Diagnostics;
using MLNetTemporal.Checkpoints;
using MLNetTemporal.WeightSpace;
using static TorchSharp.torch;

namespace MLNetTemporal.Bench.Methods;

/// <summary>
/// Interpolation of checkpoints (0.3 a + 0.7 b) in memory and streamed between safetensors files, against this
/// machine's copy bandwidth measured the same way in the same run: same tensors, same thread count, bytes read plus
/// bytes written.
/// </summary>
internal static class InterpolationBenchmark
{
    private const long TensorBytes = 64L << 20;

    public static Command Create()
    {
        var megabytes = new Option<int>("--megabytes") { Description = "size of each streamed checkpoint", DefaultValueFactory = _ => 2048 };
        var inMemory = new Option<int>("--in-memory-megabytes") { Description = "size of each checkpoint interpolated in memory", DefaultValueFactory = _ => 512 };
        var repeats = new Option<int>("--repeats") { Description = "streaming runs and in-memory rounds (medians are reported)", DefaultValueFactory = _ => 3 };
        var folder = new Option<string>("--folder") { Description = "scratch folder for the checkpoints (needs 3 x --megabytes)", DefaultValueFactory = _ => Path.GetTempPath() };
        var command = new Command("interpolate", "time checkpoint interpolation in memory and streamed between files against memory-copy bandwidth")
        {
            megabytes, inMemory, repeats, folder,
        };
        command.SetAction(r =>
        {
            int threads = get_num_threads();
            Console.WriteLine($"{Environment.ProcessorCount} cores, torch and kernel threads {threads}, load average {LoadAverage()}, " +
                $"process resident after loading .NET and libtorch: {Mb(MemorySampler.Read().Anonymous)} anonymous");
            var streamed = Streamed(r.GetValue(folder)!, r.GetValue(megabytes), r.GetValue(repeats));
            var rounds = InMemory(r.GetValue(inMemory), Math.Max(3, r.GetValue(repeats)), threads);
            Console.WriteLine($"load average at the end {LoadAverage()}");
            PrintTable(rounds, streamed, threads);
        });
        return command;
    }

    private sealed record Round(double Memcpy1, double MemcpyN, double TorchCopy1, double TorchCopy, double Into1, double Into, double Fresh, long Bytes);

    private sealed record StreamRun(StreamingResult Result, TimeSpan BeforeFlush, long BaselineAnonymous, long PeakAnonymous, long PeakFile);

    /// <summary>Each round times every variant once over the same tensors, so a round's ratios share its machine load.</summary>
    private static List<Round> InMemory(int megabytes, int rounds, int threads)
    {
        using var scope = NewDisposeScope();
        long elements = (32L << 20) / 4;
        int count = Math.Max(1, megabytes / 32);
        var a = Enumerable.Range(0, count).Select(i => randn(elements, generator: new Generator((ulong)i + 1))).ToList();
        var b = Enumerable.Range(0, count).Select(i => randn(elements, generator: new Generator((ulong)i + 1001))).ToList();
        var destination = a.Select(t => zeros_like(t)).ToList();
        long bytes = count * elements * 4;
        var result = new List<Round>();
        for (int round = 0; round <= rounds; round++)
        {
            var memcpy1 = Rate(2 * bytes, () => { for (int i = 0; i < count; i++) Memcpy(a[i], destination[i], 1); });
            var memcpyN = Rate(2 * bytes, () => { for (int i = 0; i < count; i++) Memcpy(a[i], destination[i], threads); });
            set_num_threads(1);
            var torchCopy1 = Rate(2 * bytes, () => { for (int i = 0; i < count; i++) destination[i].copy_(a[i]); });
            var into1 = Rate(3 * bytes, () => { for (int i = 0; i < count; i++) TensorCombination.CombineInto(destination[i], [a[i], b[i]], [0.3, 0.7]); });
            set_num_threads(threads);
            var torchCopy = Rate(2 * bytes, () => { for (int i = 0; i < count; i++) destination[i].copy_(a[i]); });
            var into = Rate(3 * bytes, () => { for (int i = 0; i < count; i++) TensorCombination.CombineInto(destination[i], [a[i], b[i]], [0.3, 0.7]); });
            var fresh = Rate(3 * bytes, () => { for (int i = 0; i < count; i++) TensorCombination.Combine([a[i], b[i]], [0.3, 0.7], ScalarType.Float32).Dispose(); });
            if (round > 0) result.Add(new Round(memcpy1, memcpyN, torchCopy1, torchCopy, into1, into, fresh, bytes)); // round 0 warms up
        }
        return result;
    }

    private static void Memcpy(Tensor source, Tensor target, int threads)
    {
        int length = (int)(source.NumberOfElements * source.ElementSize), part = (length / threads + 63) & ~63;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            int start = t * part, n = Math.Min(part, length - start);
            if (n > 0) source.bytes.Slice(start, n).CopyTo(target.bytes.Slice(start, n));
        });
    }

    private static double Rate(long bytes, Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return bytes / clock.Elapsed.TotalSeconds;
    }

    private static List<StreamRun> Streamed(string folder, int megabytes, int repeats)
    {
        var dir = Directory.CreateDirectory(Path.Combine(folder, $"tv-bench-{Guid.NewGuid():N}")).FullName;
        try
        {
            var (a, b) = (Path.Combine(dir, "a.safetensors"), Path.Combine(dir, "b.safetensors"));
            WriteSynthetic(a, megabytes, 1);
            WriteSynthetic(b, megabytes, 2);
            var runs = new List<StreamRun>();
            for (int run = 0; run < repeats; run++)
            {
                var output = Path.Combine(dir, "out.safetensors");
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var clock = Stopwatch.StartNew();
                var beforeFlush = TimeSpan.Zero;
                var sampler = new MemorySampler();
                StreamingResult result;
                try
                {
                    result = StreamingCombination.Combine(output, [a, b], [0.3, 0.7],
                        progress: new SynchronousProgress(p => { if (p.Done == p.Total) beforeFlush = clock.Elapsed; }));
                }
                finally
                {
                    sampler.Dispose();
                }
                runs.Add(new StreamRun(result, beforeFlush, sampler.BaselineAnonymous, sampler.PeakAnonymous, sampler.PeakFile));
                File.Delete(output);
            }
            return runs;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// A float32 checkpoint of about <paramref name="megabytes"/>: one embedding-like tensor of a quarter of it (larger
    /// than any slice, as in real models) and the rest in 64 MB tensors. One random slice is written over and over, so
    /// making the files leaves nothing behind in the process's memory before the streaming runs are measured.
    /// </summary>
    private static void WriteSynthetic(string path, int megabytes, int seed)
    {
        long total = (long)megabytes << 20, first = Math.Max(total / 4, 4);
        var sizes = new List<long> { first };
        for (long left = total - first; left > 0; left -= TensorBytes) sizes.Add(Math.Min(TensorBytes, left));
        var specs = sizes.Select((s, i) => new SafeTensorSpec(i == 0 ? "embed.weight" : $"layers.{i - 1}.weight", ScalarType.Float32, [s / 4])).ToList();
        using var writer = new SafeTensorsStreamWriter(path, specs);
        using var slice = randn(StreamingCombination.DefaultSliceBytes / 4, generator: new Generator((ulong)seed));
        foreach (var spec in specs)
            for (long done = 0; done < spec.Shape[0] * 4; done += StreamingCombination.DefaultSliceBytes)
                writer.WritePart(spec.Name, slice.bytes[..(int)Math.Min(StreamingCombination.DefaultSliceBytes, spec.Shape[0] * 4 - done)]);
        writer.Complete();
    }

    private static void PrintTable(List<Round> rounds, List<StreamRun> streamed, int threads)
    {
        var size = rounds[0].Bytes;
        Console.WriteLine($"medians of {rounds.Count} rounds in memory and {streamed.Count} streaming runs; throughput = (bytes read + bytes written) / time");
        Console.WriteLine($"streaming runs, s to the last write / fsync'd: {string.Join(", ", streamed.Select(s => $"{s.BeforeFlush.TotalSeconds:F2} / {s.Result.Elapsed.TotalSeconds:F2}"))}");
        Console.WriteLine();
        Console.WriteLine("| what | data | threads | throughput | vs memcpy (same threads) | vs torch copy_ |");
        Console.WriteLine("|---|---|---|---|---|---|");
        string data = $"2 x {size / 1e6:F0} MB f32 (32 MB tensors)";
        Console.WriteLine($"| memcpy (Buffer.MemoryCopy) | {size / 1e6:F0} MB f32 | 1 | {Gb(Median(rounds, r => r.Memcpy1))} | {Pct(Median(rounds, r => r.Memcpy1 / r.MemcpyN))} | |");
        Console.WriteLine($"| memcpy (Buffer.MemoryCopy) | {size / 1e6:F0} MB f32 | {threads} | {Gb(Median(rounds, r => r.MemcpyN))} | 100% | {Pct(Median(rounds, r => r.MemcpyN / r.TorchCopy))} |");
        Console.WriteLine($"| torch copy_ | {size / 1e6:F0} MB f32 | 1 | {Gb(Median(rounds, r => r.TorchCopy1))} | {Pct(Median(rounds, r => r.TorchCopy1 / r.MemcpyN))} | {Pct(Median(rounds, r => r.TorchCopy1 / r.TorchCopy))} |");
        Console.WriteLine($"| torch copy_ | {size / 1e6:F0} MB f32 | {threads} | {Gb(Median(rounds, r => r.TorchCopy))} | {Pct(Median(rounds, r => r.TorchCopy / r.MemcpyN))} | 100% |");
        Console.WriteLine($"| interpolate into existing tensors (CombineInto) | {data} | 1 | {Gb(Median(rounds, r => r.Into1))} | {Pct(Median(rounds, r => r.Into1 / r.Memcpy1))} (of 1 thread) | {Pct(Median(rounds, r => r.Into1 / r.TorchCopy1))} (of 1 thread) |");
        Console.WriteLine($"| interpolate into existing tensors (CombineInto) | {data} | {threads} | {Gb(Median(rounds, r => r.Into))} | **{Pct(Median(rounds, r => r.Into / r.MemcpyN))}** | {Pct(Median(rounds, r => r.Into / r.TorchCopy))} |");
        Console.WriteLine($"| interpolate into new tensors (Combine) | {data} | {threads} | {Gb(Median(rounds, r => r.Fresh))} | {Pct(Median(rounds, r => r.Fresh / r.MemcpyN))} | {Pct(Median(rounds, r => r.Fresh / r.TorchCopy))} |");
        var result = streamed[0].Result;
        double moved = result.BytesRead + result.BytesWritten;
        var total = Timing.Median(streamed.Select(s => s.Result.Elapsed.TotalSeconds));
        var beforeFlush = Timing.Median(streamed.Select(s => s.BeforeFlush.TotalSeconds));
        var memcpy = Median(rounds, r => r.MemcpyN);
        Console.WriteLine($"| stream file to file, up to the last write | 2 x {result.BytesWritten / 1e6:F0} MB f32, {result.Tensors} tensors | {threads} | {Gb(moved / beforeFlush)} ({beforeFlush:F2} s) | {Pct(moved / beforeFlush / memcpy)} | |");
        Console.WriteLine($"| stream file to file, fsync'd | same | {threads} | {Gb(moved / total)} ({total:F2} s) | {Pct(moved / total / memcpy)} | |");
        Console.WriteLine();
        Console.WriteLine("| streaming memory | median | max |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| anonymous resident before (runtime, libtorch) | {Mb(Timing.Median(streamed.Select(s => (double)s.BaselineAnonymous)))} | {Mb(streamed.Max(s => s.BaselineAnonymous))} |");
        Console.WriteLine($"| anonymous resident peak during | {Mb(Timing.Median(streamed.Select(s => (double)s.PeakAnonymous)))} | {Mb(streamed.Max(s => s.PeakAnonymous))} |");
        Console.WriteLine($"| peak minus before | {Mb(Timing.Median(streamed.Select(s => (double)(s.PeakAnonymous - s.BaselineAnonymous))))} | {Mb(streamed.Max(s => s.PeakAnonymous - s.BaselineAnonymous))} |");
        Console.WriteLine($"| file-backed resident peak (shared libraries and mapped inputs; reclaimable) | {Mb(Timing.Median(streamed.Select(s => (double)s.PeakFile)))} | {Mb(streamed.Max(s => s.PeakFile))} |");
    }

    private static double Median(List<Round> rounds, Func<Round, double> value) => Timing.Median(rounds.Select(value));

    private static string Gb(double bytesPerSecond) => $"{bytesPerSecond / 1e9:F1} GB/s";

    private static string Pct(double ratio) => $"{ratio * 100:F0}%";

    private static string Mb(double bytes) => $"{bytes / 1e6:F0} MB";

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool, too late for a timestamp).</summary>
    private sealed class SynchronousProgress(Action<StreamingProgress> report) : IProgress<StreamingProgress>
    {
        public void Report(StreamingProgress value) => report(value);
    }
}
