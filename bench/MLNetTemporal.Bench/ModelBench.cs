using MLNetTemporal.LanguageModels;
using MLNetTemporal.LanguageModels.Hooks;
using MLNetTemporal.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetTemporal.Bench;

/// <summary>One model under test: its fixed input batch, and timed forward / training-step / hooked-forward runs.</summary>
internal sealed class ModelBench : IDisposable
{
    private readonly Tensor _ids;

    public ModelBench(string name, LanguageModelConfig config, int batch, int seq)
    {
        if (seq > config.MaxPositions)
            throw new ArgumentException($"{name}: seq {seq} exceeds the model's {config.MaxPositions} positions");
        Name = name;
        Config = config;
        Batch = batch;
        Sequence = seq;
        Model = LanguageModelFactory.Create(config, seed: 1234);
        (TotalParams, NonEmbeddingParams) = BenchModels.ParameterCounts(Model);
        var random = new Random(7);
        Blocks = Enumerable.Range(0, batch)
            .Select(_ => Enumerable.Range(0, seq).Select(_ => (long)random.Next(config.VocabSize)).ToArray())
            .ToArray();
        _ids = tensor(Blocks.SelectMany(b => b).ToArray(), [batch, seq]);
        ForwardFlops = BenchModels.ForwardFlops(config, NonEmbeddingParams, batch, seq);
    }

    public string Name { get; }
    public LanguageModelConfig Config { get; }
    public CausalLanguageModel Model { get; }
    public int Batch { get; }
    public int Sequence { get; }
    public long Tokens => (long)Batch * Sequence;
    public long TotalParams { get; }
    public long NonEmbeddingParams { get; }
    public double ForwardFlops { get; }
    public double TrainFlops => 3 * ForwardFlops;
    public long[][] Blocks { get; }
    public Tensor Ids => _ids;

    /// <summary>Eval-mode, no-grad forward including the LM head; median seconds.</summary>
    public double Forward(int warmup, int iterations)
    {
        Model.eval();
        using var guard = no_grad();
        return Timing.Median(Timing.Measure(() => Model.call(new CausalLMInput(_ids)), warmup, iterations));
    }

    /// <summary>The same forward with a fresh capture each iteration, its cache disposed; median seconds.</summary>
    public (double Seconds, int Captured, double CapturedMiB) ForwardWithCapture(Func<string, bool> filter, int warmup, int iterations)
    {
        Model.eval();
        using var guard = no_grad();
        int captured = 0;
        double mib = 0;
        var seconds = Timing.Median(Timing.Measure(() =>
        {
            var hooks = new ActivationHooks().Capture(filter);
            try
            {
                Model.call(new CausalLMInput(_ids) { Hooks = hooks });
                captured = hooks.Cache.Count;
                mib = hooks.Cache.Names.Sum(n => hooks.Cache[n].numel() * 4.0) / (1 << 20);
            }
            finally
            {
                hooks.Cache.Dispose();
            }
        }, warmup, iterations));
        return (seconds, captured, mib);
    }

    /// <summary>
    /// One optimiser step exactly as <see cref="TrainingLoop"/> takes it: loss through <see cref="LanguageModelLoss"/>,
    /// backward of the item-weighted loss, gradient scaling, global-norm clip 1.0, AdamW with decay on matrices.
    /// </summary>
    public double TrainStep(int warmup, int iterations)
    {
        var (optimizer, parameters) = NewOptimizer();
        try
        {
            Model.train();
            return Timing.Median(Timing.Measure(() => Step(optimizer, parameters), warmup, iterations));
        }
        finally
        {
            Model.eval();
            optimizer.Dispose();
        }
    }

    public (AdamW Optimizer, List<Parameter> Parameters) NewOptimizer()
    {
        var parameters = Model.parameters().ToList();
        var groups = new List<AdamW.ParamGroup>
        {
            new(parameters.Where(p => p.dim() >= 2), 1e-4, 0.9, 0.999, 1e-8, 0.01),
            new(parameters.Where(p => p.dim() < 2), 1e-4, 0.9, 0.999, 1e-8, 0),
        };
        return (optim.AdamW(groups, 1e-4, 0.9, 0.999, 1e-8, 0.01), parameters);
    }

    public void Step(AdamW optimizer, List<Parameter> parameters)
    {
        optimizer.zero_grad();
        var (loss, n) = LanguageModelLoss.Compute(Model, Blocks);
        (loss * n).backward();
        _ = loss.ToDouble();
        using (no_grad())
            foreach (var p in parameters)
                p.grad?.div_(n);
        nn.utils.clip_grad_norm_(parameters, 1.0);
        optimizer.step();
    }

    public void Dispose()
    {
        _ids.Dispose();
        Model.Dispose();
    }
}
