namespace MLNetTemporal.Text;

/// <summary>
/// The words being merged during BPE training with the count of every adjacent symbol pair, the words each pair
/// occurs in, and a max-heap of pairs. Heap entries go stale when counts change; a stale entry is recognised on
/// pop (its count differs from the live count) and dropped, and every change pushes a fresh entry.
/// </summary>
internal sealed class BpePairState
{
    private readonly List<int>[] words;
    private readonly long[] frequencies;
    private readonly Dictionary<long, long> counts = [];
    private readonly Dictionary<long, HashSet<int>> occurrences = [];
    // Highest count first; ties to the smaller left id, then the smaller right id.
    private readonly PriorityQueue<long, (long NegativeCount, int Left, int Right)> heap = new();

    private BpePairState(List<int>[] words, long[] frequencies)
    {
        this.words = words;
        this.frequencies = frequencies;
    }

    public static BpePairState FromWords(IReadOnlyList<(int[] Symbols, long Count)> words)
    {
        var state = new BpePairState(words.Select(w => new List<int>(w.Symbols)).ToArray(), words.Select(w => w.Count).ToArray());
        var touched = new HashSet<long>();
        for (var w = 0; w < state.words.Length; w++) state.AddPairs(w, touched);
        state.Push(touched);
        return state;
    }

    public bool TryTakeBest(int minFrequency, out int left, out int right)
    {
        while (heap.TryDequeue(out var key, out var priority))
        {
            if (!counts.TryGetValue(key, out var live) || live != -priority.NegativeCount) continue;
            if (live < minFrequency) break;
            (left, right) = (priority.Left, priority.Right);
            return true;
        }
        (left, right) = (-1, -1);
        return false;
    }

    /// <summary>Replaces every non-overlapping (left, right), scanning each word left to right, by <paramref name="merged"/>.</summary>
    public void Merge(int left, int right, int merged)
    {
        var key = Key(left, right);
        if (!occurrences.Remove(key, out var where)) return;
        var touched = new HashSet<long>();
        foreach (var w in where.Order())
        {
            var symbols = words[w];
            if (!Contains(symbols, left, right)) continue;
            RemovePairs(w, touched);
            var write = 0;
            for (var read = 0; read < symbols.Count; read++)
            {
                if (read + 1 < symbols.Count && symbols[read] == left && symbols[read + 1] == right)
                {
                    symbols[write++] = merged;
                    read++;
                }
                else
                {
                    symbols[write++] = symbols[read];
                }
            }
            symbols.RemoveRange(write, symbols.Count - write);
            AddPairs(w, touched);
        }
        counts.Remove(key);
        touched.Remove(key);
        Push(touched);
    }

    private static bool Contains(List<int> symbols, int left, int right)
    {
        for (var i = 0; i + 1 < symbols.Count; i++)
        {
            if (symbols[i] == left && symbols[i + 1] == right) return true;
        }
        return false;
    }

    private void AddPairs(int w, HashSet<long> touched)
    {
        var symbols = words[w];
        for (var i = 0; i + 1 < symbols.Count; i++)
        {
            var key = Key(symbols[i], symbols[i + 1]);
            counts[key] = counts.GetValueOrDefault(key) + frequencies[w];
            if (!occurrences.TryGetValue(key, out var set)) occurrences[key] = set = [];
            set.Add(w);
            touched.Add(key);
        }
    }

    private void RemovePairs(int w, HashSet<long> touched)
    {
        var symbols = words[w];
        for (var i = 0; i + 1 < symbols.Count; i++)
        {
            var key = Key(symbols[i], symbols[i + 1]);
            counts[key] -= frequencies[w];
            touched.Add(key);
        }
    }

    private void Push(HashSet<long> touched)
    {
        foreach (var key in touched)
        {
            if (counts.TryGetValue(key, out var count) && count > 0) heap.Enqueue(key, (-count, (int)(key >> 32), (int)(key & 0xFFFFFFFF)));
        }
    }

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;
}
