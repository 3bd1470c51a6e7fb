using System.Diagnostics;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Studies.Corpus;
using MLNetTemporal.Anchors;

namespace MLNetTemporal.Studies.Anchors;

/// <summary>
/// The whole of METHODS.md §3 on one labeled set: vanilla, n-shot and re-weighted in-context accuracy, anchor-only
/// compression against its baselines, saliency flows per layer, label isolation and error diagnosis, per seed and
/// averaged.
/// </summary>
public static class AnchorStudy
{
    public static AnchorStudyResult Run(LanguageModel model, IReadOnlyList<LabeledText> rows, AnchorStudyOptions options,
        IProgress<string>? log = null, CancellationToken cancellationToken = default)
    {
        if (options.Seeds.Count == 0) throw new ArgumentException("no seeds", nameof(options));
        options.Prompt.Validate();
        options.Reweighting.Validate();
        var classes = rows.Select(r => r.Label).Distinct().Order(StringComparer.Ordinal).ToArray();
        var format = options.Prompt.Format(classes, "the data");
        var labeled = rows.Select(r => new Demonstration(r.Text, Array.IndexOf(classes, r.Label))).ToList();
        int layers = model.Config.NumLayers;
        int isolated = options.IsolationLayers > 0 ? options.IsolationLayers : Math.Max(1, layers / 4);

        var seeds = new List<AnchorSeedResult>();
        var compression = new List<IReadOnlyList<CompressionResult>>();
        var isolation = new List<IReadOnlyList<IsolationResult>>();
        var saliency = new double[layers, 3];
        int saliencyCount = 0;
        var diagnoses = new List<DiagnosisResult>();
        foreach (var seed in options.Seeds)
        {
            var (demos, remaining) = DemonstrationSampler.Pick(labeled, classes, options.Prompt.DemonstrationsPerClass, seed);
            var (training, rest) = DemonstrationSampler.Pick(remaining, classes, options.TrainingExamplesPerClass, seed + 1, nameof(options.TrainingExamplesPerClass));
            var test = rest.Take(options.TestExamples).ToList();
            if (test.Count == 0) throw new ArgumentException("no rows are left for testing after the demonstrations and training examples");
            var labels = test.Select(t => t.Class).ToList();
            var classifier = new InContextClassifier(model, new InContextPrompt(model, format, demos));
            var queries = test.Select(t => classifier.Prompt.EncodeQuery(t.Text)).ToList();
            log?.Report($"seed {seed}: {demos.Count} demonstrations ({classifier.Prompt.ContextIds.Length} tokens), {training.Count} training and {test.Count} test examples");

            QueryOutcomes Classify(InContextClassifier c, AnchorWeights? weights = null)
            {
                using var context = c.EncodeContext();
                var q = test.Select(t => c.Prompt.EncodeQuery(t.Text)).ToList();
                return c.Run(q, null, context, options.BatchSize, weights is null ? null : b => weights.Hooks(b.Targets, c.Prompt.LabelPositions), cancellationToken: cancellationToken);
            }
            double vanilla = Classify(classifier).Accuracy(labels);
            var clock = Stopwatch.StartNew();
            var (weights, _) = AnchorReweighting.Train(classifier, training, options.Reweighting with { Seed = seed }, cancellationToken: cancellationToken);
            double trainSeconds = clock.Elapsed.TotalSeconds;
            double reweighted;
            using (weights) reweighted = Classify(classifier, weights).Accuracy(labels);
            log?.Report($"seed {seed}: vanilla accuracy {vanilla:P1}, re-weighted {reweighted:P1} (trained in {trainSeconds:F1} s)");

            var shots = new Dictionary<int, double>();
            // The n-shot demonstrations come from the training pool, so the test set stays the same.
            var pool = remaining.Except(test).ToList();
            foreach (var n in options.Shots)
            {
                // A baseline the pool or the model's window cannot hold is left out (AnchorStudyOptions.Shots: those that fit).
                var skip = DemonstrationSampler.Shortage(pool, classes, n);
                var nDemos = skip is null ? DemonstrationSampler.Pick(pool, classes, n, seed).Chosen : [];
                skip ??= InContextPrompt.WindowProblem(model, format, nDemos, test.Select(t => t.Text));
                if (skip is not null)
                {
                    log?.Report($"seed {seed}: {n}-shot skipped: {skip}");
                    continue;
                }
                var nClassifier = new InContextClassifier(model, new InContextPrompt(model, format, nDemos));
                shots[n] = Classify(nClassifier).Accuracy(labels);
            }
            seeds.Add(new AnchorSeedResult(seed, test.Count, vanilla, reweighted, trainSeconds, shots));

            compression.Add(ContextCompression.Evaluate(classifier, test, seed, options.BatchSize, options.TimedExamples, cancellationToken));
            isolation.Add(LabelIsolation.Evaluate(classifier, test, isolated, seed, options.BatchSize, cancellationToken));
            for (int i = 0; i < Math.Min(options.SaliencyExamples, test.Count); i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var matrices = AttentionSaliency.Compute(classifier, queries[i], test[i].Class);
                long target = classifier.Prompt.ContextIds.Length + queries[i].Length - 1;
                for (int l = 0; l < layers; l++)
                {
                    using var m = matrices[l];
                    var sums = SaliencySums.Compute(m, classifier.Prompt.LabelPositions, target);
                    if (options.NormaliseSaliency) sums = sums.Normalised();
                    saliency[l, 0] += sums.WordsToLabels;
                    saliency[l, 1] += sums.LabelsToTarget;
                    saliency[l, 2] += sums.WordsToWords;
                }
                saliencyCount++;
            }
            diagnoses.Add(ErrorDiagnosis.Run(classifier, test, options.DiagnosisLayer, batchSize: options.BatchSize, cancellationToken: cancellationToken));
        }

        return new AnchorStudyResult
        {
            Classes = classes,
            Chance = 1.0 / classes.Length,
            VanillaAccuracy = seeds.Average(s => s.VanillaAccuracy),
            ReweightedAccuracy = seeds.Average(s => s.ReweightedAccuracy),
            ReweightingSeconds = seeds.Average(s => s.ReweightingSeconds),
            ShotAccuracy = options.Shots.Where(n => seeds.All(s => s.ShotAccuracy.ContainsKey(n))).ToDictionary(n => n, n => seeds.Average(s => s.ShotAccuracy[n])),
            Seeds = seeds,
            Compression = compression[0].Select((c, i) => c with
            {
                Accuracy = compression.Average(r => r[i].Accuracy), LabelLoyalty = compression.Average(r => r[i].LabelLoyalty),
                WordLoyalty = compression.Average(r => r[i].WordLoyalty), SecondsPerExample = compression.Average(r => r[i].SecondsPerExample),
                SpeedUp = compression.Average(r => r[i].SpeedUp),
            }).ToArray(),
            Isolation = isolation[0].Select((c, i) => c with
            {
                LabelLoyalty = isolation.Average(r => r[i].LabelLoyalty), WordLoyalty = isolation.Average(r => r[i].WordLoyalty),
            }).ToArray(),
            Saliency = Enumerable.Range(0, layers).Select(l => new LayerSaliency(l, saliency[l, 0] / Math.Max(1, saliencyCount), saliency[l, 1] / Math.Max(1, saliencyCount), saliency[l, 2] / Math.Max(1, saliencyCount))).ToArray(),
            Diagnosis = diagnoses[^1],
            DiagnosisCorrelation = diagnoses.Select(d => d.Correlation).Where(c => !double.IsNaN(c)).DefaultIfEmpty(double.NaN).Average(),
        };
    }
}
