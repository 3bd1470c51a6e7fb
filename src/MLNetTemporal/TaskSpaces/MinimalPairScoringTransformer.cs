using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.TaskSpaces;

/// <summary>
/// Scores minimal pairs row by row: from a good and a bad sentence column it adds log p(good) - log p(bad) (float)
/// and whether the good sentence is more probable (Boolean), in batches of rows, lazily.
/// </summary>
public sealed class MinimalPairScoringTransformer : TextModelTransformer
{
    internal const string KindName = "MinimalPairScoring";

    internal MinimalPairScoringTransformer(LanguageModel model, bool ownsModel, TextModelSettings settings, Columns columns)
        : base(model, ownsModel, settings)
    {
        Names = columns;
        OutputColumns = Outputs(columns);
    }

    public string GoodColumnName => InputColumnName;
    public string BadColumnName => Names.Bad;
    public ScoreNormalization Normalization => Names.Normalization;

    internal Columns Names { get; }
    public override string Kind => KindName;
    protected override IReadOnlyList<TextOutputColumn> OutputColumns { get; }

    internal static TextOutputColumn[] Outputs(Columns c) => [new(c.Difference, NumberDataViewType.Single), new(c.Correct, BooleanDataViewType.Instance)];

    private protected override IReadOnlyList<string> InputColumnNames => [InputColumnName, Names.Bad];

    private protected override Array[] MapColumns(IReadOnlyList<IReadOnlyList<string>> columns)
    {
        var scores = MinimalPairScoring.ScoreSentences(Model, columns[0], columns[1], BatchSize, MaxTokens);
        return [scores.Select(s => (float)s.Difference(Normalization)).ToArray(), scores.Select(s => s.Correct(Normalization)).ToArray()];
    }

    // Only reached through MapColumns above, which reads both sentence columns.
    protected override Array[] Map(IReadOnlyList<string> texts) =>
        throw new InvalidOperationException($"{nameof(MinimalPairScoringTransformer)} reads two columns ('{GoodColumnName}', '{BadColumnName}')");

    protected override object SavedSettings(string modelEntry) => new Saved(modelEntry, Settings, Names);

    internal static MinimalPairScoringTransformer LoadFrom(TemporalLoadContext context, string entry)
    {
        var saved = ReadSettings<Saved>(context, entry);
        var (model, owns) = context.Model(saved.Model, saved.Text.Device);
        return new MinimalPairScoringTransformer(model, owns, saved.Text, saved.Columns);
    }

    internal sealed record Columns(string Bad, string Difference, string Correct, ScoreNormalization Normalization);

    internal sealed record Saved(string Model, TextModelSettings Text, Columns Columns);
}
