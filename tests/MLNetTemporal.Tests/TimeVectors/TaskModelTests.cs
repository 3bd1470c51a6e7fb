using FluentAssertions;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.Catalog;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Tests.TestSupport;
using MLNetTemporal.TimeVectors;
using MLNetTemporal.Training;
using MLNetTemporal.WeightSpace;
using Xunit;
using static MLNetTemporal.Tests.WeightSpace.WeightSpaceModels;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.Tests.TimeVectors;

public sealed class TaskModelTests
{
    public sealed class Row
    {
        public string Text { get; set; } = "";
        public string Topic { get; set; } = "";
        public string Date { get; set; } = "2012";
    }

    private static List<Row> Rows(int n, string date = "2012") => [.. Enumerable.Range(0, n).Select(i => i % 2 == 0
        ? new Row { Text = $"the market rose {i} in {date}", Topic = "markets", Date = date }
        : new Row { Text = $"the election came {i} in {date}", Topic = "politics", Date = date })];

    private static IDataView Keyed(MLContext ml, IEnumerable<Row> rows) =>
        ml.Transforms.Conversion.MapValueToKey("Label", "Topic").Fit(ml.Data.LoadFromEnumerable(rows)).Transform(ml.Data.LoadFromEnumerable(rows));

    private static SequenceClassificationOptions Options(LanguageModel model) => new()
    {
        Model = model, BatchSize = 4,
        Training = new SequenceClassifierTrainingOptions { Epochs = 4, BatchSize = 4, LearningRate = 3e-3, Seed = 7 },
    };

    [Fact]
    public void Logits_are_the_head_times_the_final_hidden_state_of_the_last_token()
    {
        using var baseModel = Model(1);
        using var classifier = SequenceClassifier.Train(baseModel, ["the market rose", "the vote"], [0, 1], ["a", "b"],
            new SequenceClassifierTrainingOptions { MaxSteps = 1, BatchSize = 2 });
        string[] texts = ["the market rose in spring", "shares", "the election came in autumn after the vote"];
        var logits = classifier.PredictLogits(texts, batchSize: 3);
        var hidden = classifier.Model.Embed(texts, -1, Pooling.LastToken);
        var head = Enumerable.Range(0, 2).Select(c => Values(classifier.ScoreWeight[c])).ToArray();
        for (int i = 0; i < texts.Length; i++)
            for (int c = 0; c < 2; c++)
                logits[i][c].Should().BeApproximately(hidden[i].Zip(head[c], (h, w) => h * w).Sum(), 1e-4f);
        SameWeights(classifier.Model, baseModel).Should().BeFalse("the body is fine-tuned with the head");
    }

    [Fact]
    public void The_trainer_learns_a_separable_task_and_Evaluate_reads_its_output_and_a_saved_pipeline_matches()
    {
        using var folder = new TempFolder();
        var ml = new MLContext(1);
        using var baseModel = Model(2);
        var train = Keyed(ml, Rows(32));
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", "Topic").Append(ml.Temporal().ClassifySequences(Options(baseModel)));
        var rows = ml.Data.LoadFromEnumerable(Rows(32));
        var model = pipeline.Fit(rows);
        var scored = model.Transform(rows);
        var metrics = ml.MulticlassClassification.Evaluate(scored);
        metrics.MicroAccuracy.Should().Be(1.0);
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        scored.Schema["PredictedLabel"].GetKeyValues(ref names);
        names.DenseValues().Select(n => n.ToString()).Should().Equal("markets", "politics");
        scored.GetColumn<VBuffer<float>>("Score").Should().OnlyContain(v => Math.Abs(v.DenseValues().Sum() - 1) < 1e-5);
        ml.Temporal().SaveModel(model, rows.Schema, folder.File("c.zip"));
        var loaded = ml.Temporal().LoadModel(folder.File("c.zip"), out _);
        loaded.Transform(rows).GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray())
            .Should().BeEquivalentTo(scored.GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray()), o => o.WithStrictOrdering());
        FluentActions.Invoking(() => ml.Temporal().ClassifySequences(baseModel, labelColumnName: "Topic").Fit(train))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'Topic' has type String; expected type Key<UInt32>*");
    }

    [Fact]
    public void Analogy_with_a1_one_and_no_time_vectors_is_the_task_model_and_the_grid_varies_a1()
    {
        var ml = new MLContext(1);
        using var baseModel = Model(3);
        var quick = new LanguageModelTrainingOptions { BlockSize = 16, BatchSize = 2, MaxSteps = 2, Seed = 5 };
        using var set = ml.Temporal().FitTimeVectors(new TimeVectorEstimatorOptions { Model = baseModel, Training = quick })
            .Fit(ml.Data.LoadFromEnumerable(Rows(20, "2012").Concat(Rows(20, "2013")).ToList()));
        var train = Keyed(ml, Rows(16));
        using var task = ml.Temporal().ClassifySequences(Options(baseModel)).Fit(train);
        var options = new TaskAnalogyOptions
        {
            BaseModel = baseModel, TaskModel = task, TimeVectors = set, SourcePeriod = "2012", TargetPeriod = "2013",
            A1 = [0.0, 1.0], A2 = [0.0], A3 = [0.0],
        };
        var analogy = ml.Temporal().AdaptClassifierInTime(options);
        using (var same = analogy.Build(1, 0, 0)) SameWeights(same.Classifier.Model, task.Classifier.Model).Should().BeTrue();
        var dev = Keyed(ml, Rows(8, "2013"));
        var result = analogy.Evaluate(dev);
        result.Sweep.Table.Select(p => p.Setting["a1"]).Should().Equal(0.0, 1.0);
        result.Sweep.Table[1].Metric.Should().Be(result.UnupdatedAccuracy, "a1 = 1, a2 = a3 = 0 is the task model");
        result.Sweep.Table[0].Metric.Should().Be(task.Classifier.WithModel(baseModel.Clone()).Accuracy(
            Rows(8, "2013").Select(r => r.Text).ToList(), Rows(8, "2013").Select(r => r.Topic == "markets" ? 0 : 1).ToList()));
        new TaskAnalogyOptions().A1.Should().Equal(0.6, 0.8, 1.0, 1.2, 1.4, 1.6, 1.8, 2.0, 2.2);
        new TaskAnalogyOptions().A2.Should().Equal(0.1, 0.2, 0.3, 0.4, 0.5, 0.6);
        using var moved = analogy.Build(1.2, 0.3, 0.2);
        using var want = ModelWeights.Apply(baseModel, [WeightVector.Difference(task.Classifier.Model, baseModel), set["2013"], set["2012"]], [1.2, 0.3, -0.2]);
        SameWeights(moved.Classifier.Model, want).Should().BeTrue();
    }

    [Fact]
    public void The_greedy_soup_adds_the_period_that_improves_the_score_and_stops_when_none_does()
    {
        var ml = new MLContext(1);
        using var baseModel = Model(4);
        var quick = new LanguageModelTrainingOptions { BlockSize = 16, BatchSize = 2, MaxSteps = 2, Seed = 5 };
        using var set = ml.Temporal().FitTimeVectors(new TimeVectorEstimatorOptions { Model = baseModel, Training = quick })
            .Fit(ml.Data.LoadFromEnumerable(Rows(20, "2012").Concat(Rows(20, "2013")).Concat(Rows(20, "2014")).ToList()));
        // A synthetic score with a known optimum: weights 2/3 on 2013 and 1/3 on 2014 (distance of the soup's
        // first embedding row to the target's).
        using var target = ModelWeights.Apply(baseModel, [set["2013"], set["2014"]], [2.0 / 3, 1.0 / 3]);
        var targetRow = ModelWeights.Of(target)["transformer.wte.weight"][0].clone();
        double Score(LanguageModel m) => ModelWeights.Of(m)["transformer.wte.weight"][0].sub(targetRow).norm().item<float>();
        var soup = TimeSoup.Greedy(baseModel, set, Score, SweepGoal.Minimize);
        soup.Counts.Should().BeEquivalentTo(new Dictionary<string, int> { ["2013"] = 2, ["2014"] = 1 });
        soup.Weights["2013"].Should().BeApproximately(2.0 / 3, 1e-12);
        soup.ScoreByRound.Should().BeInDescendingOrder().And.HaveCount(3);
    }
}
