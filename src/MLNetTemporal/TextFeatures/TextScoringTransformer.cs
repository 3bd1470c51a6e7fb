using Microsoft.ML.Data;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.TextFeatures;

/// <summary>
/// Adds, per row, the mean token log-likelihood of the text (float, nats; <see cref="TextScore.MeanLogLikelihood"/>),
/// its perplexity (float) and the number of tokens scored (int). An empty or missing text scores zero tokens, and
/// its log-likelihood and perplexity are NaN, ML.NET's missing value for floats.
/// </summary>
public sealed class TextScoringTransformer : TextModelTransformer
{
    internal const string KindName = "TextScoring";

    internal TextScoringTransformer(LanguageModel model, bool ownsModel, TextModelSettings settings,
        string logLikelihoodColumnName, string perplexityColumnName, string tokenCountColumnName)
        : base(model, ownsModel, settings)
    {
        LogLikelihoodColumnName = logLikelihoodColumnName;
        PerplexityColumnName = perplexityColumnName;
        TokenCountColumnName = tokenCountColumnName;
        OutputColumns = Columns(logLikelihoodColumnName, perplexityColumnName, tokenCountColumnName);
    }

    public string LogLikelihoodColumnName { get; }
    public string PerplexityColumnName { get; }
    public string TokenCountColumnName { get; }

    public override string Kind => KindName;
    protected override IReadOnlyList<TextOutputColumn> OutputColumns { get; }

    internal static TextOutputColumn[] Columns(string logLikelihood, string perplexity, string tokenCount) =>
    [
        new(logLikelihood, NumberDataViewType.Single),
        new(perplexity, NumberDataViewType.Single),
        new(tokenCount, NumberDataViewType.Int32),
    ];

    protected override Array[] Map(IReadOnlyList<string> texts)
    {
        var scores = Model.Score(texts, texts.Count, MaxTokens);
        return
        [
            scores.Select(s => (float)s.MeanLogLikelihood).ToArray(),
            scores.Select(s => (float)s.Perplexity).ToArray(),
            scores.Select(s => s.Tokens).ToArray(),
        ];
    }

    protected override object SavedSettings(string modelEntry) =>
        new Saved(modelEntry, Settings, LogLikelihoodColumnName, PerplexityColumnName, TokenCountColumnName);

    internal static TextScoringTransformer LoadFrom(TemporalLoadContext context, string entry)
    {
        var saved = ReadSettings<Saved>(context, entry);
        var (model, owns) = context.Model(saved.Model, saved.Text.Device);
        return new TextScoringTransformer(model, owns, saved.Text,
            saved.LogLikelihoodColumnName, saved.PerplexityColumnName, saved.TokenCountColumnName);
    }

    internal sealed record Saved(string Model, TextModelSettings Text,
        string LogLikelihoodColumnName, string PerplexityColumnName, string TokenCountColumnName);
}
