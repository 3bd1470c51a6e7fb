using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.TaskSpaces;

/// <summary>
/// Scores minimal pairs row by row: from a good and a bad sentence column it adds log p(good) - log p(bad) (float)
/// and whether the good sentence is more probable (Boolean), in batches of rows, lazily.
/// </summary>
public sealed class MinimalPairScoringTransformer : TextModelTransformer, ITextBatchMapper
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
    internal override string Kind => KindName;
    internal override IReadOnlyList<TextOutputColumn> OutputColumns { get; }

    internal static TextOutputColumn[] Outputs(Columns c) => [new(c.Difference, NumberDataViewType.Single), new(c.Correct, BooleanDataViewType.Instance)];

    IReadOnlyList<string> ITextBatchMapper.InputColumnNames => [InputColumnName, Names.Bad];

    Array[] ITextBatchMapper.MapColumns(IReadOnlyList<IReadOnlyList<string>> columns)
    {
        var scores = MinimalPairScoring.ScoreSentences(Model, columns[0], columns[1], BatchSize, MaxTokens);
        return [scores.Select(s => (float)s.Difference(Normalization)).ToArray(), scores.Select(s => s.Correct(Normalization)).ToArray()];
    }

    // Only reached through MapColumns above, which reads both sentence columns.
    private protected override Array[] Map(IReadOnlyList<string> texts) =>
        throw new InvalidOperationException($"{nameof(MinimalPairScoringTransformer)} reads two columns ('{GoodColumnName}', '{BadColumnName}')");

    private protected override object SavedSettings(string modelEntry) => new Saved(modelEntry, Settings, Names);

    internal static MinimalPairScoringTransformer LoadFrom(TemporalLoadContext context, string entry)
    {
        var saved = context.ReadJson<Saved>($"{entry}/settings.json");
        var (model, owns) = context.Model(saved.Model, saved.Text.Device);
        return new MinimalPairScoringTransformer(model, owns, saved.Text, saved.Columns);
    }

    internal sealed record Columns(string Bad, string Difference, string Correct, ScoreNormalization Normalization);

    internal sealed record Saved(string Model, TextModelSettings Text, Columns Columns);
}

/// <summary>Scores minimal pairs; nothing is learned: Fit loads the model and checks both sentence columns.</summary>
public sealed class MinimalPairScoringEstimator : IEstimator<MinimalPairScoringTransformer>
{
    private readonly MLContext _context;
    private readonly MinimalPairScoringOptions _options;

    internal MinimalPairScoringEstimator(MLContext context, MinimalPairScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _context = context;
        _options = options;
    }

    private MinimalPairScoringTransformer.Columns Names => new(_options.BadColumnName, _options.DifferenceColumnName, _options.CorrectColumnName, _options.Normalization);

    public MinimalPairScoringTransformer Fit(IDataView input)
    {
        TextInputColumn.Validate(input.Schema, _options.InputColumnName);
        TextInputColumn.Validate(input.Schema, _options.BadColumnName);
        var (model, owned) = TextModelSource.Acquire(_options, _context);
        return new MinimalPairScoringTransformer(model, owned, TextModelSettings.From(_options), Names);
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        TextInputColumn.Validate(inputSchema, _options.InputColumnName);
        TextInputColumn.Validate(inputSchema, _options.BadColumnName);
        return SchemaShapes.WithColumns(inputSchema, MinimalPairScoringTransformer.Outputs(Names));
    }
}
