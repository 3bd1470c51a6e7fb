using FluentAssertions;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.Anchors;
using MLNetTemporal.Tests.TestSupport;
using Xunit;
using MLNetTemporal.Studies.Anchors;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.Tests.Anchors;

public class InContextEstimatorTests
{
    private static IDataView Data(MLContext ml) =>
        ml.Transforms.Conversion.MapValueToKey("Label").Fit(ml.Data.LoadFromEnumerable(AnchorTestModel.Rows)).Transform(ml.Data.LoadFromEnumerable(AnchorTestModel.Rows));

    private static AnchorReweightingOptions Options(MLNetTemporal.LanguageModels.LanguageModel model) => new()
    {
        Model = model, Template = LabeledNewsTemplate, Separator = " ", TrainingExamplesPerClass = 2, Epochs = 2, BatchSize = 5,
    };

    private const string LabeledNewsTemplate = MLNetTemporal.Studies.Corpus.LabeledNews.SentimentTemplate;

    [Fact]
    public void Reweighted_classifier_scores_evaluate_and_survive_save_and_load()
    {
        using var model = AnchorTestModel.Create();
        var ml = new MLContext(seed: 1);
        var data = Data(ml);
        var fitted = ml.Temporal().ReweightAnchors(Options(model)).Fit(data);
        fitted.AnchorWeights.Should().NotBeNull();
        fitted.Demonstrations.Should().HaveCount(2);
        var scored = fitted.Transform(data);

        var scores = scored.GetColumn<float[]>("Score").ToArray();
        var texts = AnchorTestModel.Rows.Select(r => r.Text).ToList();
        var classifier = new InContextClassifier(model, new InContextPrompt(model, fitted.Format, fitted.Demonstrations));
        using var weights = AnchorWeights.FromArrays(fitted.AnchorWeights!);
        var expected = classifier.PredictProbabilities(texts, 7, weights);
        for (int i = 0; i < texts.Count; i++) scores[i].Should().BeEquivalentTo(expected[i], o => o.Using<float>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-5f)).WhenTypeIs<float>());
        var predicted = scored.GetColumn<uint>("PredictedLabel").ToArray();
        predicted.Should().Equal(scores.Select(s => (uint)(Array.IndexOf(s, s.Max()) + 1)));

        var metrics = ml.MulticlassClassification.Evaluate(scored);
        var truth = scored.GetColumn<uint>("Label").ToArray();
        metrics.MicroAccuracy.Should().BeApproximately(predicted.Zip(truth).Average(p => p.First == p.Second ? 1.0 : 0.0), 1e-9);

        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "icl.zip");
        ml.Temporal().SaveModel(fitted, data.Schema, path);
        var loaded = ml.Temporal().LoadModel(path, out _);
        loaded.Transform(data).GetColumn<float[]>("Score").SelectMany(s => s).Should().Equal(scores.SelectMany(s => s));
        (loaded as IDisposable)?.Dispose();
    }

    [Fact]
    public void A_label_column_that_is_not_a_key_is_named()
    {
        using var model = AnchorTestModel.Create();
        var ml = new MLContext(seed: 1);
        var raw = ml.Data.LoadFromEnumerable(AnchorTestModel.Rows);
        var estimator = ml.Temporal().ClassifyInContext(model, LabeledNewsTemplate, separator: " ");
        var act = () => estimator.Fit(raw);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Label column 'Label' has type String; expected type Key<UInt32>*");
    }
}
