using System.Diagnostics;
using static TorchSharp.torch;

namespace MLNetTemporal.Bench;

internal static class Kernels
{
    /// <summary>Best time of <paramref name="runs"/> n×n float32 <c>torch.mm</c> calls after two warm-ups; GFLOP/s = 2n³/t.</summary>
    public static (double Seconds, double GFlops, CpuLoad Load) MatmulPeak(int n, int runs)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(11, device("cpu"));
        var a = randn([n, n], generator: generator);
        var bm = randn([n, n], generator: generator);
        double best = double.MaxValue;
        CpuLoad.Mark start = default;
        for (int i = 0; i < runs + 2; i++)
        {
            using var inner = NewDisposeScope();
            if (i == 2) start = CpuLoad.Snapshot();
            var sw = Stopwatch.StartNew();
            var c = mm(a, bm);
            sw.Stop();
            if (i >= 2) best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return (best, 2.0 * n * n * n / best / 1e9, CpuLoad.Since(start));
    }
}
