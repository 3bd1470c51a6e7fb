using System.Diagnostics;
using static TorchSharp.torch;

namespace MLNetTemporal.Bench;

internal static class Kernels
{
    /// <summary>
    /// Best time of an n×n float32 <c>torch.mm</c> over <paramref name="runs"/> timed runs after two warm-ups, counting
    /// only runs during which other processes stayed quiet (each run repeats the mm for ≥ ~100 ms); GFLOP/s = 2n³/t.
    /// </summary>
    public static (double Seconds, double GFlops, MeasureInfo Info) MatmulPeak(int n, int runs)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(11, device("cpu"));
        var a = randn([n, n], generator: generator);
        var bm = randn([n, n], generator: generator);
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < 2; i++)
        {
            using var inner = NewDisposeScope();
            mm(a, bm);
        }
        int repeat = (int)Math.Clamp(Math.Ceiling(0.1 / (sw.Elapsed.TotalSeconds / 2)), 1, 100);
        var times = Timing.Measure(() =>
        {
            for (int k = 0; k < repeat; k++)
            {
                using var inner = NewDisposeScope();
                mm(a, bm);
            }
        }, 0, runs);
        double best = times.Min() / repeat;
        return (best, 2.0 * n * n * n / best / 1e9, Timing.Last);
    }
}
