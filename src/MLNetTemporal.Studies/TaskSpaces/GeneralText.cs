using MLNetTemporal.Studies.Pretraining;
using MLNetTemporal.Studies.Corpus;

namespace MLNetTemporal.Studies.TaskSpaces;

/// <summary>Text for measuring how much fine-tuning on a task costs the model's general language modelling.</summary>
public static class GeneralText
{
    /// <summary>
    /// <paramref name="count"/> held-out sentences of the built-in corpus (the default model never trained on them),
    /// spread evenly over its years. Made with the tiny preset's corpus size; the same for the same seed.
    /// </summary>
    public static IReadOnlyList<string> BuiltInHeldOut(int count = 400, int seed = 42)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "the number of sentences must be positive");
        var corpus = new TemporalCorpusGenerator(new TemporalCorpusOptions { Seed = seed, SentencesPerMonth = ModelPreset.Tiny.SentencesPerMonth });
        var (_, heldOut) = DefaultModel.Split(corpus);
        double stride = Math.Max(1, heldOut.Count / (double)count);
        return Enumerable.Range(0, Math.Min(count, heldOut.Count)).Select(i => heldOut[(int)(i * stride)].Text).ToList();
    }
}
