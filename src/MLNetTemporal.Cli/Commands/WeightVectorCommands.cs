using System.CommandLine;
using System.Globalization;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.WeightSpace;

namespace MLNetTemporal.Cli.Commands;

/// <summary>
/// The weight-arithmetic verbs: time-vector, apply, interpolate, analogy, soup, merge, similarity. Vectors are
/// safetensors files made by time-vector; models are Hugging Face folders. Checkpoint arithmetic streams tensor by
/// tensor, so models larger than memory work.
/// </summary>
internal static class WeightVectorCommands
{
    private static Option<string> Base() => new("--base") { Description = "base model folder", Required = true };
    private static Option<string[]> Vectors(string what) => new("--vector") { Description = what, Required = true, AllowMultipleArgumentsPerToken = true };
    private static Option<double[]> Coefficients() => new("--coefficient") { Description = "one per vector (default 1 each)", AllowMultipleArgumentsPerToken = true };

    public static IEnumerable<Command> Create() => [TimeVector(), Apply(), Interpolate(), Analogy(), Soup(), Merge(), Similarity()];

    private static Command TimeVector()
    {
        var (baseModel, tuned, output) = (Base(), new Option<string>("--finetuned") { Required = true, Description = "fine-tuned model folder" }, CommonOptions.Out("vector file (.safetensors)"));
        var period = CommonOptions.ValidPeriod(new Option<string?>("--period") { Description = "the period the fine-tuned model was trained on" });
        var command = new Command("time-vector", "save finetuned - base as a time vector") { baseModel, tuned, output, period };
        command.SetAction(r =>
        {
            using var b = LanguageModel.Load(r.GetValue(baseModel)!, TorchSharp.torch.CPU);
            using var ft = LanguageModel.Load(r.GetValue(tuned)!, TorchSharp.torch.CPU);
            using var tau = WeightVector.Difference(ft, b, new WeightVectorMetadata { Period = r.GetValue(period) });
            tau.Save(r.GetValue(output)!);
            Console.WriteLine($"{r.GetValue(output)}: {tau.Count} tensors, {tau.ElementCount:N0} values, norm {tau.Norm():G4}, base {tau.Metadata.BaseHash}");
        });
        return command;
    }

    private static Command Apply()
    {
        var (baseModel, vectors, coefficients, output) = (Base(), Vectors("time/task vector files"), Coefficients(), CommonOptions.OutFolder("model folder"));
        var command = new Command("apply", "save base + sum of coefficient * vector as a model") { baseModel, vectors, coefficients, output };
        command.SetAction(r =>
        {
            var files = r.GetValue(vectors)!;
            var lambdas = CoefficientsOrOnes(r.GetValue(coefficients), files.Length);
            SaveApplied(r.GetValue(baseModel)!, files, lambdas, r.GetValue(output)!);
        });
        return command;
    }

    private static Command Interpolate()
    {
        var a = new Option<string>("--a") { Required = true, Description = "first model folder or safetensors file" };
        var b = new Option<string>("--b") { Required = true, Description = "second model folder or safetensors file" };
        var alpha = new Option<double>("--alpha") { Description = "weight of --a (--b gets 1 - alpha)", DefaultValueFactory = _ => 0.5 };
        var output = CommonOptions.Out("output safetensors file");
        var command = new Command("interpolate", "stream alpha*a + (1-alpha)*b tensor by tensor into a safetensors file") { a, b, alpha, output };
        command.SetAction((r, ct) =>
        {
            double x = r.GetValue(alpha);
            var result = StreamingCombination.Combine(r.GetValue(output)!, [r.GetValue(a)!, r.GetValue(b)!], [x, 1 - x],
                new Dictionary<string, string> { ["coefficients"] = $"{x.ToString(CultureInfo.InvariantCulture)}*a + {(1 - x).ToString(CultureInfo.InvariantCulture)}*b" },
                new StreamProgress(), ct);
            Report(result);
            return Task.FromResult(0);
        });
        return command;
    }

    private static Command Analogy()
    {
        var baseModel = Base();
        var task = new Option<string>("--task") { Required = true, Description = "task vector of period i" };
        var lmJ = new Option<string>("--lm-target") { Required = true, Description = "LM time vector of period j" };
        var lmI = new Option<string>("--lm-source") { Required = true, Description = "LM time vector of period i" };
        var (a1, a2, a3) = (new Option<double>("--a1") { DefaultValueFactory = _ => 1.0 }, new Option<double>("--a2") { DefaultValueFactory = _ => 0.3 }, new Option<double>("--a3") { DefaultValueFactory = _ => 0.3 });
        var output = CommonOptions.OutFolder("model folder");
        var command = new Command("analogy", "save base + a1*task_i + a2*lm_j - a3*lm_i (task analogy)") { baseModel, task, lmJ, lmI, a1, a2, a3, output };
        command.SetAction(r => SaveApplied(r.GetValue(baseModel)!, [r.GetValue(task)!, r.GetValue(lmJ)!, r.GetValue(lmI)!],
            [r.GetValue(a1), r.GetValue(a2), -r.GetValue(a3)], r.GetValue(output)!));
        return command;
    }

    private static Command Soup()
    {
        var (baseModel, vectors, output) = (Base(), Vectors("time vectors to average"), CommonOptions.OutFolder("model folder"));
        var command = new Command("soup", "save base + the uniform mean of the vectors (a time soup)") { baseModel, vectors, output };
        command.SetAction(r =>
        {
            var files = r.GetValue(vectors)!;
            SaveApplied(r.GetValue(baseModel)!, files, [.. files.Select(_ => 1.0 / files.Length)], r.GetValue(output)!);
        });
        return command;
    }

    private static Command Merge()
    {
        var baseModel = new Option<string?>("--base") { Description = "base checkpoint (folder or file); without it the merged vector is written" };
        var (vectors, weights, output) = (Vectors("vector files to merge"), new Option<double[]>("--weight") { AllowMultipleArgumentsPerToken = true, Description = "one per vector (default 1)" }, CommonOptions.Out("output safetensors file"));
        var method = new Option<MergeMethod>("--method") { DefaultValueFactory = _ => MergeMethod.Ties, Description = "ties, dare or linear" };
        var density = new Option<double>("--density") { DefaultValueFactory = _ => 0.5 };
        var seed = CommonOptions.Seed();
        var command = new Command("merge", "stream a TIES, DARE or linear merge of vectors (plus the base) into a safetensors file") { baseModel, vectors, weights, output, method, density, seed };
        command.SetAction((r, ct) =>
        {
            var files = r.GetValue(vectors)!;
            var result = StreamingCombination.Merge(r.GetValue(output)!, r.GetValue(baseModel), files, CoefficientsOrOnes(r.GetValue(weights), files.Length),
                new MergeOptions { Method = r.GetValue(method), Density = r.GetValue(density), Seed = r.GetValue(seed) }, progress: new StreamProgress(), cancellationToken: ct);
            Report(result);
            return Task.FromResult(0);
        });
        return command;
    }

    private static Command Similarity()
    {
        var vectors = Vectors("two or more vector files");
        var command = new Command("similarity", "cosine similarity and squared L2 distance of vectors (whole model, per part, per layer)") { vectors };
        command.SetAction(r =>
        {
            var files = r.GetValue(vectors)!;
            var loaded = files.Select(WeightVector.Load).ToList();
            try
            {
                for (int i = 0; i < loaded.Count; i++)
                    for (int j = i + 1; j < loaded.Count; j++)
                    {
                        Console.WriteLine($"{Path.GetFileName(files[i])} vs {Path.GetFileName(files[j])}");
                        foreach (var s in WeightVector.Similarities(loaded[i], loaded[j]))
                            Console.WriteLine($"  {s.Subset,-12} cosine {s.Cosine,8:F4}  squared L2 {s.SquaredDistance,12:G5}  norms {s.NormA:G4} / {s.NormB:G4}");
                    }
            }
            finally
            {
                foreach (var v in loaded) v.Dispose();
            }
        });
        return command;
    }

    private static void SaveApplied(string baseFolder, IReadOnlyList<string> files, IReadOnlyList<double> coefficients, string output)
    {
        using var b = LanguageModel.Load(baseFolder, TorchSharp.torch.CPU);
        var vectors = files.Select(WeightVector.Load).ToList();
        try
        {
            using var model = ModelWeights.Apply(b, vectors, coefficients);
            model.Save(output, new Dictionary<string, string>
            {
                ["base_hash"] = ModelWeights.Hash(b),
                ["coefficients"] = string.Join(" + ", files.Select((f, i) => $"{coefficients[i].ToString("G6", CultureInfo.InvariantCulture)}*{Path.GetFileNameWithoutExtension(f)}")),
            });
            Console.WriteLine($"saved {output}");
        }
        finally
        {
            foreach (var v in vectors) v.Dispose();
        }
    }

    private static double[] CoefficientsOrOnes(double[]? given, int count)
    {
        if (given is null || given.Length == 0) return [.. Enumerable.Repeat(1.0, count)];
        return given.Length == count ? given : throw new ArgumentException($"{given.Length} coefficients for {count} vectors: give one per vector");
    }

    private static void Report(StreamingResult r) =>
        Console.WriteLine($"{r.Path}: {r.Tensors} tensors, read {r.BytesRead / 1e6:F1} MB, wrote {r.BytesWritten / 1e6:F1} MB in {r.Elapsed.TotalSeconds:F2} s");

    private sealed class StreamProgress : IProgress<StreamingProgress>
    {
        private DateTime _last;

        public void Report(StreamingProgress p)
        {
            if (p.Done < p.Total && DateTime.UtcNow - _last < TimeSpan.FromSeconds(1)) return;
            _last = DateTime.UtcNow;
            Console.Error.WriteLine($"[{p.Done}/{p.Total}] {p.BytesWritten / 1e6:F0} MB written ({p.Tensor})");
        }
    }
}
