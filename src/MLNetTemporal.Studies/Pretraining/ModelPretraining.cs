using MLNetTemporal.LanguageModels;
using MLNetTemporal.Text;
using MLNetTemporal.Training;
using static TorchSharp.torch;
using MLNetTemporal.Studies.Corpus;

namespace MLNetTemporal.Studies.Pretraining;

/// <summary>What pretraining from scratch did.</summary>
public sealed record PretrainingSummary(long Parameters, int VocabSize, long TrainTokens, TrainingResult Training, NegativeLogLikelihood Initial, NegativeLogLikelihood Final);

/// <summary>Where and how often pretraining saves its intermediate models.</summary>
public sealed record PretrainingCheckpoints
{
    public PretrainingCheckpoints(string folder, int everySteps)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (everySteps < 1) throw new ArgumentOutOfRangeException(nameof(everySteps), everySteps, "checkpoints need EverySteps of at least 1");
        (Folder, EverySteps) = (folder, everySteps);
    }

    public string Folder { get; }
    public int EverySteps { get; }

    /// <summary>True when the folder already holds entries, which would be another run's steps mixed with this one's.</summary>
    internal bool HoldsAnotherRun => Directory.Exists(Folder) && Directory.EnumerateFileSystemEntries(Folder).Any();

    /// <summary>The folder of the model after optimiser step <paramref name="step"/>; zero-padded so folders sort by step.</summary>
    public string StepFolder(int step) => Path.Combine(Folder, $"step-{step:D6}");
}

/// <summary>Trains a tokenizer and a model from scratch on plain text, with the one training loop.</summary>
public static class ModelPretraining
{
    /// <summary>
    /// Learns a BPE vocabulary from <paramref name="train"/>, pretrains a preset model and measures held-out perplexity.
    /// With <paramref name="checkpoints"/>, the model of every <see cref="PretrainingCheckpoints.EverySteps"/>th step
    /// is saved as a Hugging Face folder <c>step-NNNNNN</c> there: earlier states of this very run.
    /// </summary>
    public static (LanguageModel Model, PretrainingSummary Summary) Run(
        IReadOnlyList<string> train,
        IReadOnlyList<string> heldOut,
        ModelPreset preset,
        string architecture,
        long seed,
        Device device,
        IProgress<string>? log = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default,
        PretrainingCheckpoints? checkpoints = null)
    {
        if (checkpoints is { HoldsAnotherRun: true })
            throw new IOException($"'{checkpoints.Folder}' already holds checkpoints of another run; move it away or save this run's elsewhere");
        if (train.Count == 0) throw new ArgumentException("no training text", nameof(train));
        if (heldOut.Count == 0) throw new ArgumentException("no held-out text", nameof(heldOut));
        log?.Report($"learning a byte-level BPE vocabulary (up to {preset.VocabSize} tokens) from {train.Count:N0} texts");
        var vocabulary = new ByteLevelBpeTrainer(new ByteLevelBpeTrainerOptions { VocabSize = preset.VocabSize }).Train(train);
        var tokenizer = LanguageModelTokenizer.FromByteLevelBpe(vocabulary);
        var model = LanguageModel.Create(DefaultModel.Config(architecture, preset, tokenizer), tokenizer, seed, device);
        try
        {
            var trainBlocks = model.ToBlocks(train, preset.BlockSize, keepPartialLastBlock: false);
            var heldOutBlocks = model.ToBlocks(heldOut, preset.BlockSize, keepPartialLastBlock: true);
            var initial = LanguageModelTrainer.Evaluate(model.Module, heldOutBlocks, cancellationToken: cancellationToken);
            long parameters = model.Module.parameters().Sum(p => p.numel());
            log?.Report($"pretraining {preset.Name} ({architecture}, {parameters:N0} parameters, vocabulary {tokenizer.VocabSize}) on {trainBlocks.TokenCount:N0} tokens for {preset.Epochs} epochs on {device}");
            var options = preset.TrainingOptions(seed);
            options.CheckpointEvery = checkpoints?.EverySteps ?? 0;
            var result = LanguageModelTrainer.Train(model.Module, trainBlocks, heldOutBlocks, options, progress, cancellationToken,
                checkpoints is null ? null : step =>
                {
                    var folder = checkpoints.StepFolder(step);
                    model.Save(folder, new Dictionary<string, string> { ["step"] = step.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                    log?.Report($"checkpoint at step {step}: {folder}");
                });
            var final = LanguageModelTrainer.Evaluate(model.Module, heldOutBlocks, cancellationToken: cancellationToken);
            return (model, new PretrainingSummary(parameters, tokenizer.VocabSize, trainBlocks.TokenCount, result, initial, final));
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
