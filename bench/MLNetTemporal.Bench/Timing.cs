using System.Diagnostics;
using System.Globalization;
using System.Text;
using static TorchSharp.torch;

namespace MLNetTemporal.Bench;

/// <summary>Wall-clock timing of CPU tensor work (CPU kernels are synchronous, so a stopwatch is exact).</summary>
internal static class Timing
{
    /// <summary>Other processes' average busy cores above which an iteration counts as contended and is retried.</summary>
    public static double QuietThreshold { get; set; } = 0.25;
    /// <summary>Longest wait, per measurement, for the other processes to quieten before timing.</summary>
    public static double MaxWaitSeconds { get; set; } = 30;

    /// <summary>
    /// Runs <paramref name="body"/> <paramref name="warmup"/> times untimed, then times it until
    /// <paramref name="iterations"/> iterations ran while other processes kept fewer than <see cref="QuietThreshold"/>
    /// cores busy (at most 3× as many attempts), each inside its own dispose scope. Returns the clean per-iteration
    /// seconds, or every iteration's when fewer than half were clean; <see cref="Last"/> says which.
    /// </summary>
    public static double[] Measure(Action body, int warmup, int iterations)
    {
        WaitForQuiet(MaxWaitSeconds);
        for (int i = 0; i < warmup; i++)
        {
            using var scope = NewDisposeScope();
            body();
        }
        var clean = new List<double>();
        var all = new List<double>();
        double ownClean = 0, otherClean = 0, ownAll = 0, otherAll = 0;
        int attempts = 0;
        while (clean.Count < iterations && attempts < 3 * iterations)
        {
            attempts++;
            var mark = CpuLoad.Snapshot();
            using (var scope = NewDisposeScope())
            {
                var sw = Stopwatch.StartNew();
                body();
                sw.Stop();
                all.Add(sw.Elapsed.TotalSeconds);
            }
            var load = CpuLoad.Since(mark);
            double t = all[^1];
            ownAll += load.OwnCores * t;
            otherAll += (double.IsNaN(load.OtherCores) ? 0 : load.OtherCores) * t;
            if (double.IsNaN(load.OtherCores) || load.OtherCores <= QuietThreshold)
            {
                clean.Add(t);
                ownClean += load.OwnCores * t;
                otherClean += (double.IsNaN(load.OtherCores) ? 0 : load.OtherCores) * t;
            }
            else
            {
                WaitForQuiet(Math.Min(3, MaxWaitSeconds));
            }
        }
        bool enough = clean.Count >= Math.Max(1, (iterations + 1) / 2);
        var used = enough ? clean : all;
        double wall = used.Sum();
        Last = new MeasureInfo(
            new CpuLoad((enough ? ownClean : ownAll) / wall, (enough ? otherClean : otherAll) / wall),
            clean.Count, attempts, enough);
        return [.. used];
    }

    /// <summary>How the latest <see cref="Measure"/> went: CPU use over the iterations reported, and how many were clean.</summary>
    public static MeasureInfo Last { get; private set; }

    /// <summary>Waits (in 1 s samples) until other processes keep fewer than <see cref="QuietThreshold"/> cores busy.</summary>
    public static bool WaitForQuiet(double maxSeconds)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            var mark = CpuLoad.Snapshot();
            Thread.Sleep(1000);
            var load = CpuLoad.Since(mark);
            if (double.IsNaN(load.OtherCores) || load.OtherCores <= QuietThreshold) return true;
            if (sw.Elapsed.TotalSeconds >= maxSeconds) return false;
        }
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    /// <summary>Median seconds of one call, timing <paramref name="inner"/> calls per iteration for short ops.</summary>
    public static double MedianPerCall(Action body, int warmup, int iterations, int inner = 1) =>
        Median(Measure(() =>
        {
            for (int k = 0; k < inner; k++)
            {
                using var scope = NewDisposeScope();
                body();
            }
        }, warmup, iterations)) / inner;
}

internal readonly record struct MeasureInfo(CpuLoad Load, int Clean, int Attempts, bool Enough)
{
    public string Describe() => $"{Load.Describe()} ({Clean}/{Attempts} clean{(Enough ? "" : ", CONTENDED")})";
}

/// <summary>
/// Average cores busy during an interval: this process's (all its threads) and everything else's, from /proc/stat.
/// Another job on a small shared machine shows up as <see cref="OtherCores"/> &gt; 0 and makes timings unreliable.
/// </summary>
internal readonly record struct CpuLoad(double OwnCores, double OtherCores)
{
    internal readonly record struct Mark(long Ticks, double Own, long Busy);

    public static Mark Snapshot() =>
        new(Stopwatch.GetTimestamp(), Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, BusyJiffies());

    public static CpuLoad Since(Mark start)
    {
        var end = Snapshot();
        double wall = Stopwatch.GetElapsedTime(start.Ticks, end.Ticks).TotalSeconds;
        if (wall <= 0) return default;
        double own = (end.Own - start.Own) / wall;
        if (start.Busy < 0 || end.Busy < 0) return new(own, double.NaN);
        double all = (end.Busy - start.Busy) / 100.0 / wall; // USER_HZ = 100
        return new(own, Math.Max(0, all - own));
    }

    public string Describe() => $"{Fmt.F(OwnCores, 2)} / {(double.IsNaN(OtherCores) ? "n/a" : Fmt.F(OtherCores, 2))}";

    private static long BusyJiffies()
    {
        try
        {
            var first = File.ReadLines("/proc/stat").First();
            var f = first.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
            // user nice system idle iowait irq softirq steal ...: busy = all but idle and iowait
            return f[0] + f[1] + f[2] + f[5] + f[6] + (f.Length > 7 ? f[7] : 0);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            return -1;
        }
    }
}

/// <summary>A markdown table built row by row.</summary>
internal sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public override string ToString()
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        sb.Append("| ").AppendJoin(" | ", headers.Select((h, i) => h.PadRight(widths[i]))).AppendLine(" |");
        sb.Append("|").AppendJoin("|", widths.Select(w => new string('-', w + 2))).AppendLine("|");
        foreach (var r in _rows)
            sb.Append("| ").AppendJoin(" | ", r.Select((c, i) => c.PadRight(widths[i]))).AppendLine(" |");
        return sb.ToString();
    }
}

internal static class Fmt
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    public static string F(double v, int digits = 1) => v.ToString("F" + digits, Inv);
    public static string Ms(double seconds) => (seconds * 1e3).ToString(seconds < 0.01 ? "F3" : "F1", Inv);
    public static string Pct(double fraction) => (fraction * 100).ToString("F1", Inv) + "%";
    public static string Signed(double fraction) => (fraction >= 0 ? "+" : "") + (fraction * 100).ToString("F1", Inv) + "%";
    public static string Int(double v) => v.ToString("N0", Inv);
    public static string Millions(long v) => (v / 1e6).ToString("F2", Inv) + "M";
}
