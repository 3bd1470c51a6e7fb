using MLNetTemporal.Training;
using TorchSharp;
using static TorchSharp.torch;
using MLNetTemporal.LanguageModels;

namespace MLNetTemporal.Probing;

/// <summary>
/// Fits the nonlinear probe: Linear(d, 256)-ReLU-Linear(256, k) on z-scored targets with MSE, trained by the
/// library's <see cref="TrainingLoop"/> (AdamW, constant learning rate) once per weight decay of the grid, with
/// early stopping on a validation split; the weight decay and epoch with the lowest validation loss are kept.
/// </summary>
/// <remarks>
/// TrainingLoop evaluates once per epoch here, and training stops once the validation loss has not improved for
/// <see cref="MlpProbeOptions.Patience"/> epochs.
/// </remarks>
public static class MlpProbe
{
    public static MlpProbeModel Fit(IReadOnlyList<float[]> features, IReadOnlyList<double[]> targets, MlpProbeOptions? options = null,
        Device? device = null, CancellationToken cancellationToken = default)
    {
        options ??= new MlpProbeOptions();
        options.Validate();
        ProbeData.CheckRows(features, targets);
        if (features.Count < 2) throw new ArgumentException($"the MLP probe needs at least 2 training rows (one for validation), got {features.Count}");
        device ??= CPU;
        var scaler = TargetScaler.Fit(targets);
        var order = Enumerable.Range(0, features.Count).ToArray();
        new Random(options.Seed).Shuffle(order);
        int validationCount = Math.Clamp((int)Math.Round(options.ValidationFraction * features.Count), 1, features.Count - 1);
        var validation = order[..validationCount];
        var train = order[validationCount..];

        using var x = tensor(ProbeData.ToMatrix(features), ScalarType.Float32, device);
        using var y = tensor(scaler.Scale(targets), ScalarType.Float32, device);
        MlpProbeModel? best = null;
        foreach (var weightDecay in options.WeightDecays)
        {
            var candidate = Train(x, y, train, validation, weightDecay, options, scaler, device, cancellationToken);
            if (best is null || candidate.ValidationLoss < best.ValidationLoss) best = candidate;
        }
        return best!;
    }

    private static MlpProbeModel Train(Tensor x, Tensor y, int[] train, int[] validation, double weightDecay, MlpProbeOptions options,
        TargetScaler scaler, Device device, CancellationToken cancellationToken)
    {
        int d = (int)x.shape[1], k = (int)y.shape[1];
        random.manual_seed(options.Seed);
        using var mlp = nn.Sequential(("0", nn.Linear(d, options.HiddenSize)), ("1", nn.ReLU()), ("2", nn.Linear(options.HiddenSize, k)));
        mlp.to(device);
        var parameters = mlp.parameters().ToList();
        using var validationIds = tensor(validation.Select(i => (long)i).ToArray(), device: device);
        int stepsPerEpoch = (train.Length + options.BatchSize - 1) / options.BatchSize;
        var bestLoss = double.PositiveInfinity;
        Tensor[]? bestWeights = null;
        int epochsWithoutGain = 0;

        List<long[]> Batches(int epoch)
        {
            var shuffled = (int[])train.Clone();
            new Random(HashCode.Combine(options.Seed, epoch)).Shuffle(shuffled);
            return shuffled.Chunk(options.BatchSize).Select(c => c.Select(i => (long)i).ToArray()).ToList();
        }

        BatchLoss Loss(long[] batch)
        {
            var ids = tensor(batch, device: device);
            return new BatchLoss(nn.functional.mse_loss(mlp.call(x.index_select(0, ids)), y.index_select(0, ids)), batch.Length);
        }

        double Evaluate()
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var loss = nn.functional.mse_loss(mlp.call(x.index_select(0, validationIds)), y.index_select(0, validationIds)).item<float>();
            if (loss < bestLoss)
            {
                bestLoss = loss;
                epochsWithoutGain = 0;
                if (bestWeights is not null) foreach (var t in bestWeights) t.Dispose();
                bestWeights = parameters.Select(p => p.detach().clone().DetachFromDisposeScope()).ToArray();
            }
            else
            {
                epochsWithoutGain++;
            }
            return loss;
        }

        var training = new TrainingOptions
        {
            LearningRate = options.LearningRate, WeightDecay = weightDecay, Epochs = options.MaxEpochs, WarmupFraction = 0,
            Schedule = LearningRateSchedule.Constant, MaxGradNorm = 0, Seed = options.Seed, EvaluateEvery = stepsPerEpoch,
        };
        // The best epoch's weights are kept by Evaluate, so stopping early loses nothing.
        TrainingLoop.Run(mlp, parameters, Batches, Loss, training, Evaluate, cancellationToken: cancellationToken,
            shouldStop: _ => epochsWithoutGain >= options.Patience);
        var w = bestWeights!;
        try
        {
            // nn.Linear stores [out, in]; the probe model keeps row-major [in, out].
            return new MlpProbeModel(Floats(w[0].T), Floats(w[1]), Floats(w[2].T), Floats(w[3]), scaler, weightDecay, bestLoss);
        }
        finally
        {
            foreach (var t in w) t.Dispose();
        }
    }

    private static float[] Floats(Tensor t)
    {
        using var c = t.contiguous().cpu();
        return c.data<float>().ToArray();
    }
}
