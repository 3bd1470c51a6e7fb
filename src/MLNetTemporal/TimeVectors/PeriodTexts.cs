using System.Globalization;
using MLNetTemporal.Data;

namespace MLNetTemporal.TimeVectors;

/// <summary>How dates are grouped into the periods that each get a time vector.</summary>
public enum TimeGranularity
{
    Year,
    Month,
    /// <summary>The date column's values as written.</summary>
    AsWritten,
}

/// <summary>Texts of one period, split into training and held-out rows by <see cref="HeldOutSplit"/>.</summary>
public sealed record PeriodTexts(string Period, IReadOnlyList<string> Train, IReadOnlyList<string> HeldOut)
{
    public static string PeriodOf(Period date, TimeGranularity granularity) => granularity switch
    {
        TimeGranularity.Year => date.Year.ToString("D4", CultureInfo.InvariantCulture),
        TimeGranularity.Month when date.Month > 0 => $"{date.Year:D4}-{date.Month:D2}",
        TimeGranularity.Month => throw new InvalidDataException($"date '{date}' has no month, so it cannot be grouped by month"),
        _ => date.ToString(),
    };

    /// <summary>
    /// Groups rows into periods; <paramref name="periods"/> (when given) chooses and orders them, and a chosen period
    /// without rows is an error naming it.
    /// </summary>
    public static IReadOnlyList<PeriodTexts> Group(IEnumerable<(Period Date, string Text)> rows, TimeGranularity granularity, IReadOnlyList<string>? periods = null)
    {
        var byPeriod = rows.GroupBy(r => PeriodOf(r.Date, granularity)).ToDictionary(g => g.Key, g => g.Select(r => r.Text).ToList());
        var chosen = periods ?? [.. byPeriod.Keys.Order(StringComparer.Ordinal)];
        var result = new List<PeriodTexts>();
        foreach (var period in chosen)
        {
            if (!byPeriod.TryGetValue(period, out var texts))
                throw new InvalidDataException($"period {period} has no rows (periods present: {string.Join(", ", byPeriod.Keys.Order(StringComparer.Ordinal).Take(30))})");
            var (train, heldOut) = HeldOutSplit.Split(texts);
            if (heldOut.Count == 0) throw new InvalidDataException($"period {period} has only {texts.Count} row; at least 2 are needed to hold one out for evaluation");
            result.Add(new PeriodTexts(period, train, heldOut));
        }
        return result;
    }

    /// <summary>"2012..2016" (years), "2015-01..2015-12" (months) or a comma-separated list.</summary>
    public static IReadOnlyList<string> ParseRange(string text)
    {
        var parts = text.Split("..", StringSplitOptions.TrimEntries);
        if (parts.Length == 1)
        {
            var listed = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (listed.Length == 0 || listed.Any(p => !Data.Period.TryParse(p, out _)))
                throw new FormatException($"'{text}' is not a period list: each of 2012, 2015-03 or 2015-03-01, comma-separated, or a range 2012..2016");
            return listed;
        }
        if (parts.Length != 2 || !Data.Period.TryParse(parts[0], out var from) || !Data.Period.TryParse(parts[1], out var to) || from.Granularity != to.Granularity || to.Start < from.Start)
            throw new FormatException($"'{text}' is not a period range: use 2012..2016, 2015-01..2015-12 or a comma-separated list");
        var list = new List<string>();
        if (from.Granularity == PeriodGranularity.Year)
            for (int y = from.Year; y <= to.Year; y++) list.Add(y.ToString("D4", CultureInfo.InvariantCulture));
        else if (from.Granularity == PeriodGranularity.Month)
            for (var d = from.Start; d <= to.Start; d = d.AddMonths(1)) list.Add($"{d.Year:D4}-{d.Month:D2}");
        else
            throw new FormatException($"'{text}': ranges of days are not supported; list the days");
        return list;
    }
}
