namespace MLNetTemporal.Pipeline;

/// <summary>
/// The options every text-model transformer keeps after Fit and saves: a transformer's constructor takes them,
/// an estimator makes them with <see cref="From"/>, and a loader reads them back from the saved settings.
/// </summary>
public sealed record TextModelSettings(string InputColumnName, int BatchSize, int MaxTokens, string Device)
{
    public static TextModelSettings From(TextModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.InputColumnName, options.BatchSize, options.MaxTokens, options.Device);
    }
}
