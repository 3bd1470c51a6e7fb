using System.Globalization;

namespace MLNetTemporal.Bench;

/// <summary>Command-line options of the bench (plain parsing; no dependency beyond the library).</summary>
internal sealed record BenchOptions
{
    public int Iterations { get; init; } = 10;
    public int Warmup { get; init; } = 3;
    public int Batch { get; init; } = 8;
    public int Sequence { get; init; } = 256;
    public bool Quick { get; init; }
    public bool Profile { get; init; } = true;
    public string? OutPath { get; init; }
    public int MaxWaitSeconds { get; init; } = 30;

    public const string Usage = """
        MLNetTemporal.Bench: throughput and model-FLOPs utilisation of the language models on this machine.
        The methods' benchmarks are verbs: interpolate, probes, task-space (each with --help).

        Options:
          --iterations N   timed iterations per measurement, median reported (default 10; --quick: 3)
          --warmup N       untimed warm-up iterations (default 3; --quick: 1)
          --batch N        sequences per batch (default 8)
          --seq N          tokens per sequence (default 256; batch x seq tokens per step)
          --quick          fast run: fewer iterations, fewer matmul repeats
          --no-profile     skip the per-op breakdown of the small GPT-2 forward/training step
          --out PATH       also write the markdown report to PATH
          --max-wait S     before each measurement, wait up to S seconds for other processes to go quiet (default 30);
                           iterations run while others kept > 0.25 cores busy are retried (up to 3x) and not counted
          -h, --help       this text
        """;

    public static BenchOptions? Parse(string[] args)
    {
        var o = new BenchOptions();
        int? iterations = null, warmup = null;
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int NextInt()
            {
                var name = args[i];
                var text = Next();
                return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0
                    ? v
                    : throw new ArgumentException($"{name} needs a positive integer, got '{text}'");
            }
            switch (args[i])
            {
                case "--iterations": iterations = NextInt(); break;
                case "--warmup": warmup = NextInt(); break;
                case "--batch": o = o with { Batch = NextInt() }; break;
                case "--seq": o = o with { Sequence = NextInt() }; break;
                case "--quick": o = o with { Quick = true }; break;
                case "--no-profile": o = o with { Profile = false }; break;
                case "--out": o = o with { OutPath = Next() }; break;
                case "--max-wait": o = o with { MaxWaitSeconds = NextInt() }; break;
                case "-h" or "--help": return null;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }
        return o with
        {
            Iterations = iterations ?? (o.Quick ? 3 : 10),
            Warmup = warmup ?? (o.Quick ? 1 : 3),
        };
    }
}
