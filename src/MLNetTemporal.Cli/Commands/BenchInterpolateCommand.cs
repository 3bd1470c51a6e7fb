using System.CommandLine;
using System.Diagnostics;
using MLNetTemporal.Checkpoints;
using MLNetTemporal.WeightSpace;
using static TorchSharp.torch;

namespace MLNetTemporal.Cli.Commands;

/// <summary>Streaming interpolation of two synthetic checkpoints against this machine's memory-copy bandwidth.</summary>
internal static class BenchInterpolateCommand
{
    public static Command Create()
    {
        var megabytes = new Option<int>("--megabytes") { Description = "size of each checkpoint", DefaultValueFactory = _ => 1024 };
        var folder = new Option<string>("--folder") { Description = "scratch folder", DefaultValueFactory = _ => Path.GetTempPath() };
        var command = new Command("bench-interpolate", "time streaming interpolation of two float32 checkpoints and compare with memcpy bandwidth") { megabytes, folder };
        command.SetAction(r =>
        {
            int mb = r.GetValue(megabytes);
            var dir = Directory.CreateTempSubdirectory("tv-bench-").FullName;
            try
            {
                const int tensorMb = 32;
                var names = Enumerable.Range(0, Math.Max(1, mb / tensorMb)).Select(i => $"layers.{i}.weight").ToList();
                foreach (var (file, seed) in new[] { ("a.safetensors", 1), ("b.safetensors", 2) })
                {
                    using var writer = new SafeTensorsStreamWriter(Path.Combine(dir, file), names.Select(n => new SafeTensorSpec(n, ScalarType.Float32, [tensorMb << 18])));
                    foreach (var n in names)
                    {
                        using var t = randn([tensorMb << 18], generator: new Generator((ulong)seed));
                        writer.WriteNext(n, t);
                    }
                    writer.Complete();
                }
                double copy = MemcpyBandwidth();
                var (inMemory, inMemorySize) = InMemoryInterpolation(Path.Combine(dir, "a.safetensors"), Path.Combine(dir, "b.safetensors"));
                long peakAnon = 0;
                using var sampler = new Timer(_ => peakAnon = Math.Max(peakAnon, AnonymousBytes()), null, 0, 20);
                var result = StreamingCombination.Combine(Path.Combine(dir, "out.safetensors"), [Path.Combine(dir, "a.safetensors"), Path.Combine(dir, "b.safetensors")], [0.3, 0.7]);
                double moved = result.BytesRead + result.BytesWritten;
                double rate = moved / result.Elapsed.TotalSeconds;
                Console.WriteLine($"memcpy (read + written, one thread, best of 3): {copy / 1e9:F2} GB/s");
                Console.WriteLine("| what | data | time | read+written | throughput | fraction of memcpy | peak anonymous memory |");
                Console.WriteLine("|---|---|---|---|---|---|---|");
                Console.WriteLine($"| interpolate loaded checkpoints (0.3 a + 0.7 b, in memory) | 2 x {inMemorySize / 1e6:F0} MB f32 | {3 * inMemorySize / inMemory:F3} s | {3 * inMemorySize / 1e9:F2} GB | {inMemory / 1e9:F2} GB/s | {inMemory / copy:P0} | |");
                Console.WriteLine($"| stream safetensors to safetensors (fsync'd) | 2 x {mb} MB f32, {result.Tensors} tensors | {result.Elapsed.TotalSeconds:F2} s | {moved / 1e9:F2} GB | {rate / 1e9:F2} GB/s | {rate / copy:P0} | {peakAnon / 1e6:F0} MB |");
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        });
        return command;
    }

    /// <summary>
    /// Interpolation of checkpoints already in memory through the library's one combination kernel: bytes read (two
    /// inputs) plus written per second, best of 3, over up to 512 MB of each checkpoint.
    /// </summary>
    private static (double BytesPerSecond, long Bytes) InMemoryInterpolation(string a, string b)
    {
        using var fa = SafeTensorsFile.Open(a);
        using var fb = SafeTensorsFile.Open(b);
        var names = fa.Tensors.Keys.Take(16).ToList();
        var left = names.Select(n => fa.Read(n)).ToList();
        var right = names.Select(n => fb.Read(n)).ToList();
        long bytes = left.Sum(t => t.NumberOfElements * t.ElementSize);
        double best = 0;
        for (int round = 0; round < 3; round++)
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < names.Count; i++)
            {
                using var scope = NewDisposeScope();
                TensorCombination.Combine([left[i], right[i]], [0.3, 0.7], ScalarType.Float32);
            }
            best = Math.Max(best, 3.0 * bytes / clock.Elapsed.TotalSeconds);
        }
        foreach (var t in left.Concat(right)) t.Dispose();
        return (best, bytes);
    }

    /// <summary>Bytes read plus written per second by a 256 MB memcpy, best of 3.</summary>
    private static double MemcpyBandwidth()
    {
        const long size = 256L << 20;
        var a = new byte[size];
        var b = new byte[size];
        Array.Fill(a, (byte)1);
        double best = 0;
        for (int i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            a.AsSpan().CopyTo(b);
            best = Math.Max(best, 2.0 * size / clock.Elapsed.TotalSeconds);
        }
        return best;
    }

    /// <summary>Resident anonymous memory (not the reclaimable pages of the mapped files).</summary>
    private static long AnonymousBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return 0;
    }
}
