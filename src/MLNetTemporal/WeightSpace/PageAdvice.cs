using System.Runtime.InteropServices;

namespace MLNetTemporal.WeightSpace;

/// <summary>
/// Hints to Linux's virtual memory about large ranges (madvise); elsewhere, or where the kernel declines, nothing
/// happens, since every hint only changes speed or residency, never contents.
/// </summary>
internal static unsafe partial class PageAdvice
{
    private const int DontNeed = 4, HugePage = 14;
    private const long PageSize = 4096;

    /// <summary>
    /// Drops the whole pages inside a range of a read-only file mapping from this process's resident set: the data
    /// stays in the page cache (a later read maps it again), so streaming through a large file keeps a small footprint.
    /// </summary>
    public static void Release(byte* start, long length) => Advise(start, length, DontNeed);

    /// <summary>
    /// Asks for 2 MB pages for fresh anonymous memory before its first touch: one page fault per 2 MB instead of 512,
    /// which is most of the cost of filling a newly allocated tensor.
    /// </summary>
    public static void PreferHugePages(byte* start, long length) => Advise(start, length, HugePage);

    private static void Advise(byte* start, long length, int advice)
    {
        if (!OperatingSystem.IsLinux()) return;
        long first = ((long)start + PageSize - 1) & ~(PageSize - 1), end = ((long)start + length) & ~(PageSize - 1);
        if (end > first) _ = madvise((nint)first, (nuint)(end - first), advice);
    }

    [LibraryImport("libc")]
    private static partial int madvise(nint address, nuint length, int advice);
}
