using MLNetTemporal.Studies.TimeVectors;

namespace MLNetTemporal.Cli.Commands;

/// <summary>The short table a time study prints.</summary>
internal static class TimeStudyTable
{
    public static void Print(TimeStudyResult r, string folder)
    {
        int n = r.Periods.Count;
        Console.WriteLine("perplexity (row: fine-tuned on, column: evaluated on)");
        Console.WriteLine($"{"",-8}" + string.Concat(r.Periods.Select(p => $"{p,9}")));
        Console.WriteLine($"{"base",-8}" + string.Concat(r.BasePerplexity.Select(v => $"{v,9:F3}")));
        for (int i = 0; i < n; i++) Console.WriteLine($"{r.Periods[i],-8}" + string.Concat(r.Perplexity[i].Select(v => $"{v,9:F3}")));
        Console.WriteLine("cosine of time vectors");
        for (int i = 0; i < n; i++) Console.WriteLine($"{r.Periods[i],-8}" + string.Concat(r.Cosine[i].Select(v => $"{v,9:F3}")));
        Console.WriteLine($"diagonal best in {r.DiagonalBest}/{n} evaluated periods; degradation per period of distance {r.DegradationSlope:+0.0000;-0.0000}; Pearson r(cosine, degradation) = {r.PearsonCosineVsDegradation:F3}");
        foreach (var (period, c) in r.Interpolation)
            Console.WriteLine($"interpolation on {period}: best alpha {c.BestAlpha:F1} ppl {c.BestPerplexity:F3} vs {r.Periods[0]} model {c.StartPerplexity:F3}, {r.Periods[^1]} model {c.EndPerplexity:F3}{(c.BeatsBothEndpoints ? " (beats both)" : "")}");
        Console.WriteLine($"{r.Seconds:F0} s; report in {folder}");
    }
}
