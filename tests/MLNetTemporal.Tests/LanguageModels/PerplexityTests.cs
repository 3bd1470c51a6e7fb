using FluentAssertions;
using Microsoft.ML;
using MLNetTemporal.Catalog;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.TextFeatures;
using MLNetTemporal.Tests.WeightSpace;
using MLNetTemporal.Training;
using Xunit;
using static TorchSharp.torch;

namespace MLNetTemporal.Tests.LanguageModels;

/// <summary><see cref="NegativeLogLikelihood"/>, the one perplexity, against closed forms.</summary>
public sealed class PerplexityTests
{
    private static readonly string[] Texts = ["the market rose in spring", "shares fell", "the election came in autumn after the vote"];

    [Fact]
    public void Parts_add_up_and_perplexity_weighs_every_token_the_same()
    {
        var corpus = NegativeLogLikelihood.Sum([new(1.0, 1), new(9.0, 3)]);

        corpus.Should().Be(new NegativeLogLikelihood(10.0, 4));
        corpus.Mean.Should().Be(2.5);
        corpus.Perplexity.Should().BeApproximately(Math.Exp(2.5), 1e-12, "not the mean of the parts' perplexities, (e + e^3) / 2");
        default(NegativeLogLikelihood).Perplexity.Should().Be(double.NaN);

        var text = new TextScore(LogLikelihood: -6.0, Tokens: 3);
        text.Loss.Should().Be(new NegativeLogLikelihood(6.0, 3));
        text.MeanLogLikelihood.Should().Be(-2.0);
        text.Perplexity.Should().BeApproximately(Math.Exp(2.0), 1e-12);
        new TextScore(0, 0).Perplexity.Should().Be(double.NaN);
    }

    [Fact]
    public void Uniform_logits_give_the_vocabulary_size_on_every_path()
    {
        // Tied embeddings set to zero make every logit zero: each token has probability 1 / vocabulary, so perplexity = vocabulary.
        using var model = WeightSpaceModels.Model(1);
        using (no_grad()) model.Module.TokenEmbeddingWeight.zero_();
        double vocabulary = model.Config.VocabSize;

        LanguageModelTrainer.Evaluate(model.Module, model.ToBlocks(Texts, 8, keepPartialLastBlock: true)).Perplexity
            .Should().BeApproximately(vocabulary, 1e-3, "blocks (time study, pretraining)");
        var scores = model.Score(Texts);
        NegativeLogLikelihood.Sum(scores.Select(s => s.Loss)).Perplexity.Should().BeApproximately(vocabulary, 1e-3, "texts (CLI sweep, soup)");
        scores.Should().OnlyContain(s => Math.Abs(s.Perplexity - vocabulary) < 1e-3, "one text");

        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Texts.Select(t => new Row { Text = t }));
        var scored = ml.Temporal().ScoreText(model).Fit(data).Transform(data);
        var loss = ScoredTexts.Loss(scored);
        loss.Tokens.Should().Be(scores.Sum(s => s.Tokens));
        loss.Perplexity.Should().BeApproximately(vocabulary, 1e-3, "scored rows (SweepTimeAdaptation, samples)");
    }

    private sealed class Row
    {
        public string Text { get; set; } = "";
    }
}
