using MLNetTemporal.LanguageModels;
using MLNetTemporal.Text;
using MLNetTemporal.Training;
using static TorchSharp.torch;

namespace MLNetTemporal.Pretraining;

/// <summary>What pretraining from scratch did.</summary>
public sealed record PretrainingSummary(long Parameters, int VocabSize, long TrainTokens, TrainingResult Training, PerplexityResult Initial, PerplexityResult Final);

/// <summary>Trains a tokenizer and a model from scratch on plain text, with the one training loop.</summary>
public static class ModelPretraining
{
    /// <summary>Learns a BPE vocabulary from <paramref name="train"/>, pretrains a preset model and measures held-out perplexity.</summary>
    public static (LanguageModel Model, PretrainingSummary Summary) Run(
        IReadOnlyList<string> train,
        IReadOnlyList<string> heldOut,
        ModelPreset preset,
        string architecture,
        long seed,
        Device device,
        IProgress<string>? log = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
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
            var result = LanguageModelTrainer.Train(model.Module, trainBlocks, heldOutBlocks, preset.TrainingOptions(seed), progress, cancellationToken);
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
