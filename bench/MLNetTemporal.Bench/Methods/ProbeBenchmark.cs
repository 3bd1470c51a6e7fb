using System.CommandLine;
using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.Cli.Commands;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Probing;
using MLNetTemporal.Runtime;
using MLNetTemporal.Studies.Pretraining;
using MLNetTemporal.Studies.Probing;
using static TorchSharp.torch;

namespace MLNetTemporal.Bench.Methods;

/// <summary>
/// The probe benchmarks: capture of every layer against a plain forward pass, the 12-alpha ridge grid against one
/// ridge solve, and the ridge probe against ML.NET's SDCA regression on the same features.
/// </summary>
internal static class ProbeBenchmark
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "model folder, or 'default'", DefaultValueFactory = _ => "default" };
        var repeats = new Option<int>("--repeats") { Description = "timed repetitions (the median is reported)", DefaultValueFactory = _ => 5 };
        var ridgeOnly = new Option<bool>("--ridge-only") { Description = "only the ridge grid against one solve (random data; no model needed)" };
        var threads = new Option<int>("--threads") { Description = "torch intra-op threads for every measurement (0: torch's default)" };
        var device = MethodBenchmarks.Device();
        var command = new Command("probes", "benchmark activation capture, the ridge alpha grid, and ridge against SDCA") { model, repeats, ridgeOnly, threads, device };
        command.SetAction((r, ct) =>
        {
            if (r.GetValue(threads) > 0) set_num_threads(r.GetValue(threads));
            int count = Math.Max(1, r.GetValue(repeats));
            Console.WriteLine($"torch threads: {get_num_threads()}; medians of {count} repeats after a warm-up");
            Console.WriteLine($"| measurement | value |");
            Console.WriteLine($"|---|---|");
            if (r.GetValue(ridgeOnly))
            {
                RidgeGrid(RidgeShapes, count);
                return Task.FromResult(0);
            }
            var log = new ConsoleProgress();
            var folder = r.GetValue(model)!;
            if (folder == "default") folder = DefaultModel.Build(new DefaultModelOptions { Device = r.GetValue(device)! }, log, log, ct).ModelFolder;
            using var lm = LanguageModel.Load(folder, ComputeDevice.Resolve(r.GetValue(device)));
            Run(lm, BuiltInProbeData.Entities(ProbeTarget.Time), count);
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>Shapes probes meet: n ≪ d, n ~ d (tiny and large) and n ≫ d.</summary>
    private static readonly (int N, int D)[] RidgeShapes = [(96, 128), (500, 2048), (1000, 1000), (2000, 512), (5000, 256)];

    private static void Run(LanguageModel model, ProbeDataset data, int repeats)
    {
        // Sentences of news length (the headlines data), so that the timing is the forward's, not per-call overhead.
        var entities = BuiltInProbeData.Headlines().Rows.Take(960).Select(x => x.Entity).ToList();
        var capture = new ActivationCapture(model, ProbePrompt.Empty);
        var all = ActivationCapture.ResidualPoints(Enumerable.Range(0, model.Config.NumLayers));
        double forward = Median(repeats, () => PlainForward(model, entities, 32));
        double captured = Median(repeats, () => capture.Run(entities, all, 32));
        Console.WriteLine($"| plain forward, {entities.Count} held-out corpus sentences, batch 32 | {forward * 1000:F1} ms |");
        Console.WriteLine($"| capture all {all.Length} layers (same batches) | {captured * 1000:F1} ms ({100 * (captured / forward - 1):+0;-0}%) |");

        RidgeGrid([(data.Train.Count, model.Config.HiddenSize), .. RidgeShapes], repeats);

        var features = capture.Run(data.Rows.Select(x => x.Entity).ToList(), all, 32);
        var targets = data.Rows.Select(x => x.Target).ToList();
        var isTest = data.Rows.Select(x => x.IsTest).ToList();
        var best = LayerSweep.Run(data.Target, Enumerable.Range(0, all.Length).ToArray(), features, targets, isTest, ProbeKinds.Ridge).MaxBy(x => x.Test.RSquared)!;
        var mlContext = new MLContext(seed: 42);
        var rows = data.Rows.Select((row, i) => new Row { Label = (float)row.Target[0], Features = features[best.Layer][i], IsTest = row.IsTest }).ToList();
        var train = mlContext.Data.LoadFromEnumerable(rows.Where(x => !x.IsTest), Schema(model.Config.HiddenSize));
        var test = mlContext.Data.LoadFromEnumerable(rows.Where(x => x.IsTest), Schema(model.Config.HiddenSize));
        foreach (var (name, trainer) in new (string, IEstimator<ITransformer>)[]
        {
            ("ridge probe (LOO over 12 alphas)", mlContext.Temporal().RidgeProbe()),
            ("ML.NET SDCA regression", mlContext.Transforms.NormalizeMeanVariance("Features").Append(mlContext.Regression.Trainers.Sdca())),
        })
        {
            ITransformer? fitted = null;
            double seconds = Median(repeats, () => fitted = trainer.Fit(train));
            var metrics = mlContext.Regression.Evaluate(fitted!.Transform(test));
            Console.WriteLine($"| {name}, year at layer {best.Layer}: fit time / test R² | {seconds * 1000:F1} ms / {metrics.RSquared:F3} |");
        }
    }

    private sealed class Row
    {
        public float Label { get; set; }
        public float[] Features { get; set; } = [];
        public bool IsTest { get; set; }
    }

    private static SchemaDefinition Schema(int width)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return schema;
    }

    private static void PlainForward(LanguageModel model, IReadOnlyList<string> entities, int batchSize)
    {
        using var _ = no_grad();
        for (int start = 0; start < entities.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var batch = entities.Skip(start).Take(batchSize).Select(e => ProbePrompt.Empty.Encode(model, e, 128).Ids.Select(i => (long)i).ToArray()).ToList();
            var (ids, _, _) = TokenCollation.Collate(batch, model.Device);
            model.Module.call(new CausalLMInput(ids) { SkipLogits = true });
        }
    }

    /// <summary>
    /// The 12-alpha grid with leave-one-out against one direct solve of the middle alpha, interleaved (grid and
    /// solve alternate, in alternating order) so that load from other processes hits both alike.
    /// </summary>
    private static void RidgeGrid(IEnumerable<(int N, int D)> shapes, int repeats)
    {
        var grid = RidgeRegression.DefaultAlphas();
        foreach (var (n, d) in shapes)
        {
            var (x, y) = RandomRegression(n, d, seed: n + d);
            var (one, twelve) = MedianPair(repeats, () => DirectSolve(x, y, grid[5]), () => RidgeRegression.Fit(x, y, grid));
            Console.WriteLine($"| ridge n={n} d={d}: one direct solve / grid of 12 alphas with LOO | {one * 1000:F2} ms / {twelve * 1000:F2} ms ({twelve / one:F2}x) |");
        }
    }

    /// <summary>
    /// The baseline, as efficient as the grid is allowed to be: the same float64 centring, then a Cholesky solve of
    /// the smaller Gram matrix (XcXcᵀ + αI in the dual form when n ≤ d, XcᵀXc + αI otherwise), weights and
    /// intercept copied out as the grid's are. One alpha, no cross-validation.
    /// </summary>
    private static (double[] Weights, double[] Intercept) DirectSolve(double[,] x, double[,] y, double alpha)
    {
        using var scope = NewDisposeScope();
        var xt = tensor(x);
        var yt = tensor(y);
        var xMean = xt.mean([0]);
        var yMean = yt.mean([0]);
        var xc = xt - xMean;
        var yc = yt - yMean;
        bool dual = xc.shape[0] <= xc.shape[1];
        var gram = dual ? xc.matmul(xc.T) : xc.T.matmul(xc);
        gram.diagonal().add_(alpha);
        var factor = linalg.cholesky(gram);
        var w = dual ? xc.T.matmul(yc.cholesky_solve(factor)) : xc.T.matmul(yc).cholesky_solve(factor);
        return (w.data<double>().ToArray(), (yMean - xMean.matmul(w)).data<double>().ToArray());
    }

    private static (double[,] X, double[,] Y) RandomRegression(int n, int d, int seed)
    {
        var random = new Random(seed);
        var x = new double[n, d];
        var y = new double[n, 1];
        var w = Enumerable.Range(0, d).Select(_ => random.NextDouble() - 0.5).ToArray();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                x[i, j] = random.NextDouble() * 2 - 1;
                y[i, 0] += x[i, j] * w[j];
            }
            y[i, 0] += random.NextDouble() - 0.5;
        }
        return (x, y);
    }

    private static (double First, double Second) MedianPair(int repeats, Action first, Action second)
    {
        first(); // warm-up
        second();
        List<double> firstTimes = [], secondTimes = [];
        for (int i = 0; i < repeats; i++)
        {
            if (i % 2 == 0) firstTimes.Add(Seconds(first));
            secondTimes.Add(Seconds(second));
            if (i % 2 == 1) firstTimes.Add(Seconds(first));
        }
        return (Timing.Median(firstTimes), Timing.Median(secondTimes));
    }

    private static double Median(int repeats, Action action)
    {
        action(); // warm-up
        return Timing.Median(Enumerable.Range(0, repeats).Select(_ => Seconds(action)));
    }

    private static double Seconds(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }
}
