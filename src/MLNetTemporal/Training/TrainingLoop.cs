using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetTemporal.Training;

/// <summary>One micro-batch's contribution: its loss (mean over its items) and how many items it holds.</summary>
public readonly record struct BatchLoss(Tensor Loss, long Items);

/// <summary>
/// The one training loop of the library: AdamW with decoupled weight decay on matrices, warm-up then cosine/linear
/// decay, gradient accumulation weighted by item counts, global norm clipping, periodic evaluation, progress and
/// cancellation. Every micro-batch runs inside its own dispose scope, so memory stays flat however long it runs.
/// Callers supply the data as a seeded sequence of batches and the loss of one batch; a gradient transform
/// lets a method edit gradients before the optimiser step (gradient differentials, masks).
/// </summary>
public static class TrainingLoop
{
    /// <summary>
    /// Trains for the planned steps. <c>shouldStop</c>, when given, is asked after every step with its report (which
    /// carries the evaluation loss when the step evaluated); true ends training there as if the planned steps were
    /// done, which is how a caller stops early.
    /// </summary>
    public static TrainingResult Run<TBatch>(
        nn.Module model,
        IReadOnlyList<Parameter> parameters,
        Func<int, IReadOnlyList<TBatch>> batchesForEpoch,
        Func<TBatch, BatchLoss> loss,
        TrainingOptions options,
        Func<double>? evaluate = null,
        Action? transformGradients = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default,
        Action<int>? checkpoint = null,
        Func<TrainingProgress, bool>? shouldStop = null)
    {
        options.Validate();
        if (parameters.Count == 0) throw new ArgumentException("no parameters to train", nameof(parameters));
        var firstEpoch = batchesForEpoch(0);
        if (firstEpoch.Count == 0) throw new ArgumentException("the training data produced no batch", nameof(batchesForEpoch));
        int accumulation = options.GradientAccumulationSteps;
        int stepsPerEpoch = Math.Max(1, firstEpoch.Count / accumulation);
        int totalSteps = options.MaxSteps ?? stepsPerEpoch * options.Epochs;

        random.manual_seed(options.Seed);
        var decay = parameters.Where(p => p.dim() >= 2).ToList();
        var noDecay = parameters.Where(p => p.dim() < 2).ToList();
        var groups = new List<AdamW.ParamGroup> { new(decay, options.LearningRate, options.Beta1, options.Beta2, options.Epsilon, options.WeightDecay) };
        if (noDecay.Count > 0) groups.Add(new(noDecay, options.LearningRate, options.Beta1, options.Beta2, options.Epsilon, 0));
        using var optimizer = optim.AdamW(groups, options.LearningRate, options.Beta1, options.Beta2, options.Epsilon, options.WeightDecay);

        var history = new List<TrainingProgress>();
        var clock = Stopwatch.StartNew();
        long items = 0;
        double lastLoss = double.NaN;
        double? lastEval = null;
        int step = 0, epoch = 0;
        var batches = firstEpoch;
        int cursor = 0;
        model.train();
        try
        {
            while (step < totalSteps)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (cursor + accumulation > batches.Count)
                {
                    epoch++;
                    batches = batchesForEpoch(epoch);
                    cursor = 0;
                    if (batches.Count < accumulation)
                        throw new InvalidOperationException($"epoch {epoch} produced {batches.Count} batches, fewer than GradientAccumulationSteps {accumulation}");
                }
                double lr = options.LearningRateAt(step, totalSteps);
                foreach (var g in optimizer.ParamGroups) g.LearningRate = lr;
                optimizer.zero_grad();

                var micro = batches.Skip(cursor).Take(accumulation).ToList();
                cursor += accumulation;
                double stepLoss = 0;
                long stepItems = 0;
                foreach (var batch in micro)
                {
                    using var scope = NewDisposeScope();
                    var (value, n) = loss(batch);
                    // Summed here and divided by the step's item count below, so accumulation equals one large batch.
                    (value * n).backward();
                    stepLoss += value.ToDouble() * n;
                    stepItems += n;
                }
                stepLoss /= stepItems;
                items += stepItems;
                using (var scope = NewDisposeScope())
                {
                    using (no_grad())
                        foreach (var p in parameters)
                            p.grad?.div_(stepItems);
                    transformGradients?.Invoke();
                    if (options.MaxGradNorm > 0) nn.utils.clip_grad_norm_(parameters, options.MaxGradNorm);
                    optimizer.step();
                }
                step++;
                lastLoss = stepLoss;
                bool evalNow = evaluate is not null && (step == totalSteps || (options.EvaluateEvery > 0 && step % options.EvaluateEvery == 0));
                if (evalNow)
                {
                    model.eval();
                    lastEval = evaluate!();
                    model.train();
                }
                var report = new TrainingProgress(step, totalSteps, epoch, stepLoss, lr, items / Math.Max(1e-9, clock.Elapsed.TotalSeconds), evalNow ? lastEval : null);
                history.Add(report);
                progress?.Report(report);
                if (checkpoint is not null && options.CheckpointEvery > 0 && step % options.CheckpointEvery == 0 && step < totalSteps)
                {
                    model.eval();
                    checkpoint(step);
                    model.train();
                }
                if (shouldStop?.Invoke(report) == true) break;
            }
        }
        finally
        {
            model.eval();
        }
        return new TrainingResult(step, lastLoss, lastEval, items, clock.Elapsed, history);
    }
}
