using MLNetTemporal.Data;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Studies.Pretraining;
using MLNetTemporal.Text;
using MLNetTemporal.Training;
using static TorchSharp.torch;
using MLNetTemporal.Studies.Corpus;

namespace MLNetTemporal.Tests.Training;

/// <summary>
/// A very small GPT-2 pretrained briefly on the built-in corpus (all years), shared by the tests of a class: the
/// starting point for fine-tuning checks. Built once per test class; takes seconds.
/// </summary>
public sealed class CorpusModelFixture : IDisposable
{
    public CorpusModelFixture()
    {
        var generator = new TemporalCorpusGenerator(new TemporalCorpusOptions { SentencesPerMonth = 60 });
        (Train, HeldOut) = DefaultModel.Split(generator);
        var vocabulary = new ByteLevelBpeTrainer(new ByteLevelBpeTrainerOptions { VocabSize = 1500 }).Train(Train.Select(t => t.Text));
        var tokenizer = LanguageModelTokenizer.FromByteLevelBpe(vocabulary);
        var preset = new ModelPreset("test", 2, 64, 4, 256, 1500, 128, 64, 16, 1, 3e-3, 60);
        Model = LanguageModel.Create(DefaultModel.Config("gpt2", preset, tokenizer), tokenizer, seed: 1, CPU);
        var blocks = Model.ToBlocks(Train.Select(t => t.Text), preset.BlockSize, keepPartialLastBlock: false);
        LanguageModelTrainer.Train(Model.Module, blocks, null, preset.TrainingOptions(1));
    }

    public List<DatedText> Train { get; }
    public List<DatedText> HeldOut { get; }
    public LanguageModel Model { get; }

    public static IEnumerable<string> Texts(IEnumerable<DatedText> rows, int year) => rows.Where(r => r.Date.Year == year).Select(r => r.Text);

    public void Dispose() => Model.Dispose();
}
