using MLNetTemporal.LanguageModels;
using MLNetTemporal.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MLNetTemporal.TimeVectors;

/// <summary>Fine-tuning recipe of a <see cref="SequenceClassifier"/> (the body and the head are trained together).</summary>
public sealed record SequenceClassifierTrainingOptions : TrainingOptions
{
    public SequenceClassifierTrainingOptions() => Epochs = 3;

    public int BatchSize { get; set; } = 16;

    /// <summary>Longest input in tokens, start token included; longer texts are cut.</summary>
    public int MaxTokens { get; set; } = 128;
}

/// <summary>
/// A language model with a sequence-classification head, as Hugging Face's <c>GPT2ForSequenceClassification</c>:
/// logits = <c>score.weight</c> (classes x hidden, no bias) times the final-norm hidden state of the text's last
/// token. Owns its model and head.
/// </summary>
public sealed class SequenceClassifier : IDisposable
{
    public SequenceClassifier(LanguageModel model, Tensor scoreWeight, IReadOnlyList<string> classes)
    {
        if (scoreWeight.dim() != 2 || scoreWeight.shape[0] != classes.Count || scoreWeight.shape[1] != model.Config.HiddenSize)
            throw new ArgumentException($"tensor 'score.weight' is [{string.Join(", ", scoreWeight.shape)}]; expected [{classes.Count}, {model.Config.HiddenSize}] (classes x hidden size)");
        Model = model;
        ScoreWeight = scoreWeight.detach().to(ScalarType.Float32).to(model.Device).clone();
        Classes = [.. classes];
    }

    public LanguageModel Model { get; }

    /// <summary>The head, [classes, hidden] (Hugging Face name <c>score.weight</c>).</summary>
    public Tensor ScoreWeight { get; }
    public IReadOnlyList<string> Classes { get; }

    /// <summary>
    /// Fine-tunes a copy of <paramref name="baseModel"/> with a new head (normal, std 0.02, seeded) on texts and
    /// 0-based labels through <see cref="TrainingLoop"/>, minimising cross-entropy.
    /// </summary>
    public static SequenceClassifier Train(LanguageModel baseModel, IReadOnlyList<string> texts, IReadOnlyList<int> labels, IReadOnlyList<string> classes,
        SequenceClassifierTrainingOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (texts.Count != labels.Count) throw new ArgumentException($"{texts.Count} texts but {labels.Count} labels", nameof(labels));
        if (texts.Count == 0) throw new ArgumentException("no labeled rows to train on", nameof(texts));
        if (classes.Count < 2) throw new ArgumentException($"a classifier needs at least 2 classes, got {classes.Count}", nameof(classes));
        foreach (var l in labels)
            if (l < 0 || l >= classes.Count) throw new ArgumentOutOfRangeException(nameof(labels), l, $"a label is outside 0..{classes.Count - 1}");
        var model = baseModel.Clone();
        try
        {
            random.manual_seed(options.Seed);
            using var head = new Parameter(normal(0, 0.02, [classes.Count, model.Config.HiddenSize], device: model.Device), requires_grad: true);
            var encoded = texts.Select(t => model.EncodeWithStart(t, options.MaxTokens)).ToList();
            var order = Enumerable.Range(0, texts.Count).ToArray();
            TrainingLoop.Run(model.Module, [.. model.Module.parameters(), head],
                epoch =>
                {
                    var shuffled = (int[])order.Clone();
                    new Random(unchecked((int)options.Seed + epoch)).Shuffle(shuffled);
                    return shuffled.Chunk(options.BatchSize).ToList();
                },
                batch =>
                {
                    var logits = Logits(model, head, batch.Select(i => encoded[i]).ToList());
                    using var targets = tensor(batch.Select(i => (long)labels[i]).ToArray(), device: model.Device);
                    return new BatchLoss(F.cross_entropy(logits, targets), batch.Length);
                },
                options, progress: progress, cancellationToken: cancellationToken);
            return new SequenceClassifier(model, head, classes);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Logits [texts, classes] of token ids that start with the start token; differentiable.</summary>
    internal static Tensor Logits(LanguageModel model, Tensor head, IReadOnlyList<int[]> encoded)
    {
        var (ids, _, _) = TokenCollation.Collate([.. encoded.Select(e => e.Select(i => (long)i).ToArray())], model.Device);
        var hidden = model.Module.call(new CausalLMInput(ids) { SkipLogits = true }).LastHiddenState;
        // Padding is on the right and attention is causal, so each text's last real token never sees padding.
        using var rows = arange(encoded.Count, device: model.Device);
        using var last = tensor(encoded.Select(e => (long)e.Length - 1).ToArray(), device: model.Device);
        return hidden[rows, last].to(ScalarType.Float32).matmul(head.t());
    }

    /// <summary>Logits per text (batched, no gradients).</summary>
    public float[][] PredictLogits(IReadOnlyList<string> texts, int batchSize = 16, int maxTokens = 128)
    {
        var result = new float[texts.Count][];
        using var _ = no_grad();
        for (int start = 0; start < texts.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var batch = texts.Skip(start).Take(batchSize).Select(t => Model.EncodeWithStart(t, maxTokens)).ToList();
            var logits = Logits(Model, ScoreWeight, batch).cpu();
            for (int i = 0; i < batch.Count; i++) result[start + i] = logits[i].data<float>().ToArray();
        }
        return result;
    }

    /// <summary>The fraction of texts whose highest logit is their 0-based label.</summary>
    public double Accuracy(IReadOnlyList<string> texts, IReadOnlyList<int> labels, int batchSize = 16, int maxTokens = 128)
    {
        var logits = PredictLogits(texts, batchSize, maxTokens);
        return logits.Select((l, i) => Array.IndexOf(l, l.Max()) == labels[i] ? 1.0 : 0.0).Average();
    }

    /// <summary>The same head on another body (which the new classifier owns).</summary>
    public SequenceClassifier WithModel(LanguageModel model) => new(model, ScoreWeight, Classes);

    public void Dispose()
    {
        ScoreWeight.Dispose();
        Model.Dispose();
    }
}
