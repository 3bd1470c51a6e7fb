namespace MLNetTemporal.Bench.Methods;

/// <summary>
/// Samples this process's resident memory from /proc/self/status every few milliseconds until disposed: anonymous
/// pages (heaps, buffers: what the process really holds) and file-backed pages (shared libraries and mapped inputs:
/// page cache the kernel can reclaim), each with its value at the start and its peak.
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;

    public MemorySampler()
    {
        (BaselineAnonymous, BaselineFile) = Read();
        (PeakAnonymous, PeakFile) = (BaselineAnonymous, BaselineFile);
        _thread = new Thread(() =>
        {
            while (!_stop)
            {
                var (anonymous, file) = Read();
                PeakAnonymous = Math.Max(PeakAnonymous, anonymous);
                PeakFile = Math.Max(PeakFile, file);
                Thread.Sleep(5);
            }
        }) { IsBackground = true, Name = "memory sampler" };
        _thread.Start();
    }

    public long BaselineAnonymous { get; }
    public long BaselineFile { get; }
    public long PeakAnonymous { get; private set; }
    public long PeakFile { get; private set; }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    /// <summary>RssAnon and RssFile in bytes (0 where /proc is missing).</summary>
    public static (long Anonymous, long File) Read()
    {
        if (!System.IO.File.Exists("/proc/self/status")) return (0, 0);
        long anonymous = 0, file = 0;
        foreach (var line in System.IO.File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("RssAnon:", StringComparison.Ordinal)) anonymous = Kilobytes(line) * 1024;
            else if (line.StartsWith("RssFile:", StringComparison.Ordinal)) file = Kilobytes(line) * 1024;
        }
        return (anonymous, file);
    }

    private static long Kilobytes(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
}
