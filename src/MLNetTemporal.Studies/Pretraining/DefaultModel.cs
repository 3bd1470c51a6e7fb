using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MLNetTemporal.Data;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Runtime;
using MLNetTemporal.Text;
using MLNetTemporal.Training;
using MLNetTemporal.Studies.Corpus;

namespace MLNetTemporal.Studies.Pretraining;

/// <summary>
/// The built-in default: generate the dated corpus, learn a BPE vocabulary from it, pretrain a preset model from
/// scratch and report held-out perplexity. No model hub is needed. Results are cached by their inputs, so a second
/// run returns at once.
/// </summary>
public static class DefaultModel
{
    /// <summary>Bump when the corpus, tokenizer or training recipe changes, so stale caches are not reused.</summary>
    private const int RecipeVersion = 3;
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static DefaultModelReport Build(DefaultModelOptions options, IProgress<string>? log = null, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var preset = ModelPreset.Get(options.Preset);
        var folder = Path.Combine(options.CacheFolder ?? Path.Combine(CacheFolders.Root(), "default"), Key(options, preset));
        var reportPath = Path.Combine(folder, "report.json");
        if (!options.Force && File.Exists(reportPath))
        {
            var cached = JsonSerializer.Deserialize<DefaultModelReport>(File.ReadAllText(reportPath), Json)!;
            log?.Report($"using the cached default model in {folder}");
            return cached with { FromCache = true };
        }

        var device = ComputeDevice.Resolve(options.Device);
        var corpusOptions = new TemporalCorpusOptions { Seed = options.Seed, SentencesPerMonth = preset.SentencesPerMonth };
        log?.Report($"generating the built-in corpus ({corpusOptions.StartYear}-{corpusOptions.EndYear}, {corpusOptions.SentencesPerMonth} sentences a month)");
        var (train, heldOut) = Split(new TemporalCorpusGenerator(corpusOptions));
        cancellationToken.ThrowIfCancellationRequested();

        var (model, summary) = ModelPretraining.Run(train.Select(t => t.Text).ToList(), heldOut.Select(t => t.Text).ToList(),
            preset, options.Architecture, options.Seed, device, log, progress, cancellationToken);
        using var _ = model;
        var report = new DefaultModelReport
        {
            Preset = preset.Name,
            Architecture = options.Architecture,
            Seed = options.Seed,
            ModelFolder = Path.Combine(folder, "model"),
            CorpusFile = Path.Combine(folder, "corpus.tsv"),
            TrainSentences = train.Count,
            HeldOutSentences = heldOut.Count,
            VocabSize = summary.VocabSize,
            Parameters = summary.Parameters,
            TrainTokens = summary.TrainTokens,
            Steps = summary.Training.Steps,
            TrainSeconds = summary.Training.Elapsed.TotalSeconds,
            TokensPerSecond = summary.Training.ItemsSeen / summary.Training.Elapsed.TotalSeconds,
            InitialPerplexity = summary.Initial.Perplexity,
            HeldOutPerplexity = summary.Final.Perplexity,
            Device = device.ToString(),
        };
        // The report is written last: its presence marks a complete cache entry.
        model.Save(report.ModelFolder);
        DatedTextTsv.Write(report.CorpusFile, train.Concat(heldOut).OrderBy(t => t.Date));
        AtomicFile.WriteAllText(reportPath, JsonSerializer.Serialize(report, Json));
        return report;
    }

    /// <summary>
    /// The generated corpus split into training and held-out sentences by <see cref="HeldOutSplit"/>, each month in the
    /// order generated (the default model's cache key assumes this split: changing it changes what the model saw).
    /// </summary>
    public static (List<DatedText> Train, List<DatedText> HeldOut) Split(TemporalCorpusGenerator generator)
    {
        var train = new List<DatedText>();
        var heldOut = new List<DatedText>();
        var o = generator.Options;
        for (int year = o.StartYear; year <= o.EndYear; year++)
            for (int month = 1; month <= 12; month++)
            {
                var (monthTrain, monthHeldOut) = HeldOutSplit.Split(generator.GenerateMonth(year, month));
                train.AddRange(monthTrain);
                heldOut.AddRange(monthHeldOut);
            }
        return (train, heldOut);
    }

    /// <summary>The preset's shape in the chosen architecture, sized to the learned vocabulary.</summary>
    public static LanguageModelConfig Config(string architecture, ModelPreset preset, LanguageModelTokenizer tokenizer) =>
        Config(architecture, preset, tokenizer.VocabSize, tokenizer.BosId ?? tokenizer.EosId, tokenizer.EosId);

    /// <summary>The preset's shape for a vocabulary of <paramref name="vocabSize"/> tokens (benchmarks use the preset's own size).</summary>
    public static LanguageModelConfig Config(string architecture, ModelPreset preset, int vocabSize, int? bosTokenId = null, int? eosTokenId = null)
    {
        var common = new LanguageModelConfig
        {
            ModelType = architecture switch
            {
                "gpt2" => "gpt2",
                "llama" => "llama",
                _ => throw new ArgumentException($"unknown architecture '{architecture}': use gpt2 or llama", nameof(architecture)),
            },
            VocabSize = vocabSize,
            HiddenSize = preset.HiddenSize,
            NumLayers = preset.Layers,
            NumHeads = preset.Heads,
            NumKeyValueHeads = preset.Heads,
            IntermediateSize = preset.IntermediateSize,
            MaxPositions = preset.MaxPositions,
            TieWordEmbeddings = true,
            BosTokenId = bosTokenId,
            EosTokenId = eosTokenId,
        };
        return architecture == "gpt2"
            ? common with { QkvBias = true, OutputBias = true, MlpBias = true, Activation = "gelu_new" }
            : common with { Activation = "silu", NormEpsilon = 1e-6 };
    }

    private static string Key(DefaultModelOptions options, ModelPreset preset)
    {
        var text = $"{RecipeVersion}|{preset}|{options.Architecture}|{options.Seed}";
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..10].ToLowerInvariant();
        return $"{preset.Name}-{options.Architecture}-seed{options.Seed}-{hash}";
    }
}
