using MLNetTemporal.Training;
using MLNetTemporal.LanguageModels;

namespace MLNetTemporal.Cli.Commands;

/// <summary>Training progress as a single refreshed line on stderr (plain lines when output is redirected).</summary>
internal sealed class ConsoleProgress : IProgress<TrainingProgress>, IProgress<string>
{
    private DateTime _last = DateTime.MinValue;

    public void Report(TrainingProgress p)
    {
        bool done = p.Step == p.TotalSteps;
        if (!done && p.EvaluationLoss is null && DateTime.UtcNow - _last < TimeSpan.FromSeconds(Console.IsErrorRedirected ? 10 : 0.5)) return;
        _last = DateTime.UtcNow;
        int width = 30, filled = (int)(width * (double)p.Step / p.TotalSteps);
        var eval = p.EvaluationLoss is { } e ? $" held-out ppl {NegativeLogLikelihood.PerplexityOf(e):F2}" : "";
        var line = $"[{new string('#', filled)}{new string('.', width - filled)}] step {p.Step}/{p.TotalSteps} epoch {p.Epoch + 1} loss {p.Loss:F3} lr {p.LearningRate:E1} {p.ItemsPerSecond:N0} tok/s{eval}";
        if (Console.IsErrorRedirected) Console.Error.WriteLine(line);
        else Console.Error.Write("\r" + line + (done ? Environment.NewLine : ""));
    }

    public void Report(string message) => Console.Error.WriteLine(message);
}
