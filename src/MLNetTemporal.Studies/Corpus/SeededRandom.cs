
namespace MLNetTemporal.Studies.Corpus;

/// <summary>
/// Random streams keyed by the seed and a purpose, so that e.g. March 2015 draws the same sentences whether or
/// not other months are generated. System.Random with an explicit seed is stable across .NET versions.
/// </summary>
internal static class SeededRandom
{
    public static Random For(int seed, int stream, int subStream = 0)
    {
        unchecked
        {
            // SplitMix-style mixing so that nearby keys give unrelated streams.
            var x = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)stream * 0xBF58476D1CE4E5B9UL ^ (ulong)(uint)subStream * 0x94D049BB133111EBUL;
            x ^= x >> 31;
            x *= 0xD6E8FEB86CA6A7C1UL;
            x ^= x >> 29;
            return new Random((int)(x & 0x7FFFFFFF));
        }
    }

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
