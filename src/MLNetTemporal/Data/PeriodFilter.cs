namespace MLNetTemporal.Data;

/// <summary>Selects the rows of a period (a year, a month or a day).</summary>
public static class PeriodFilter
{
    public static IEnumerable<DatedText> Select(IEnumerable<DatedText> rows, Period period) =>
        rows.Where(r => period.Contains(r.Date));

    /// <summary>Rows whose own period lies within <paramref name="period"/>: a row dated "2015" is in 2015 but not in 2015-03.</summary>
    public static IEnumerable<DatedTsvRow> Select(IEnumerable<DatedTsvRow> rows, Period period) =>
        rows.Where(r => r.Period.IsWithin(period));
}
