using System.CommandLine;
using MLNetTemporal.Cli.Commands;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Runtime;
using MLNetTemporal.Studies.Pretraining;
using MLNetTemporal.Studies.TaskSpaces;
using MLNetTemporal.TaskSpaces;

namespace MLNetTemporal.Bench.Methods;

/// <summary>Time per FTGD step against a plain fine-tuning step on the same pairs, batches and optimiser, in one run.</summary>
internal static class TaskSpaceBenchmark
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "model folder (default: the built-in default model)" };
        var task = new Option<string>("--task") { DefaultValueFactory = _ => "distractor_agreement_relative_clause" };
        var steps = new Option<int>("--steps") { DefaultValueFactory = _ => 40 };
        var batch = new Option<int>("--batch-size") { DefaultValueFactory = _ => 16 };
        var device = MethodBenchmarks.Device();
        var command = new Command("task-space", "time per FTGD step (fixed and every-step masks) relative to a plain training step") { model, task, steps, batch, device };
        command.SetAction((r, ct) =>
        {
            var log = new ConsoleProgress();
            var folder = r.GetValue(model) ?? DefaultModel.Build(new DefaultModelOptions { Device = r.GetValue(device)! }, log, log, ct).ModelFolder;
            using var lm = LanguageModel.Load(folder, ComputeDevice.Resolve(r.GetValue(device)));
            var pairs = BuiltInMinimalPairs.Generate(4 * r.GetValue(batch)).Where(p => p.Task == r.GetValue(task)).ToList();
            if (pairs.Count == 0) throw new ArgumentException($"--task: unknown built-in task '{r.GetValue(task)}'");
            var options = new FtgdOptions { MaxSteps = r.GetValue(steps), BatchSize = r.GetValue(batch) };
            long parameters = lm.Module.parameters().Sum(p => p.numel());

            double Time(Func<LanguageModel, TaskFineTuningResult> run)
            {
                using var clone = lm.Clone();
                run(clone); // warm-up: first-call allocations and kernel selection
                var result = run(clone);
                return result.Training.Elapsed.TotalMilliseconds / result.Training.Steps;
            }
            double plain = Time(m => TaskFineTuning.Plain(m, pairs, options, cancellationToken: ct));
            var maskTimer = System.Diagnostics.Stopwatch.StartNew();
            using var mask = TaskFineTuning.ComputeMask(lm, pairs, options, ct);
            double maskMs = maskTimer.Elapsed.TotalMilliseconds;
            double fixedMask = Time(m => TaskFineTuning.Ftgd(m, pairs, options, mask, cancellationToken: ct));
            double everyStep = Time(m => TaskFineTuning.Ftgd(m, pairs, options with { Mask = MaskSchedule.EveryStep }, cancellationToken: ct));

            Console.WriteLine($"model {folder}: {parameters:N0} parameters on {lm.Device}; task {r.GetValue(task)}, {options.BatchSize} pairs a step, {options.MaxSteps} timed steps each");
            Console.WriteLine($"{"run",-34} {"ms/step",10} {"x plain",8}");
            Console.WriteLine($"{"plain fine-tuning (good sentences)",-34} {plain,10:F1} {1.0,8:F2}");
            Console.WriteLine($"{"FTGD, fixed mask",-34} {fixedMask,10:F1} {fixedMask / plain,8:F2}");
            Console.WriteLine($"{"FTGD, mask every step",-34} {everyStep,10:F1} {everyStep / plain,8:F2}");
            Console.WriteLine($"{"(fixed mask, computed once)",-34} {maskMs,10:F1} {"",8}");
            return Task.FromResult(0);
        });
        return command;
    }
}
