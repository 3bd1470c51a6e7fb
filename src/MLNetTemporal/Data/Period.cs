using System.Globalization;

namespace MLNetTemporal.Data;

public enum PeriodGranularity { Year, Month, Day }

/// <summary>
/// A year ("2015"), month ("2015-03") or day ("2015-03-14"), as dates appear in dated corpora. A period filter
/// such as <c>--period 2015</c> selects every row whose period lies within 2015, i.e. whose date starts with "2015".
/// </summary>
public readonly record struct Period(int Year, int Month = 0, int Day = 0)
{
    public PeriodGranularity Granularity => Day > 0 ? PeriodGranularity.Day : Month > 0 ? PeriodGranularity.Month : PeriodGranularity.Year;

    /// <summary>First day of the period.</summary>
    public DateOnly Start => new(Year, Math.Max(Month, 1), Math.Max(Day, 1));

    public static Period FromDate(DateOnly date) => new(date.Year, date.Month, date.Day);

    /// <summary>Parses YYYY, YYYY-MM or YYYY-MM-DD; the message of the error quotes the value.</summary>
    public static Period Parse(string text) =>
        TryParse(text, out var period) ? period : throw new FormatException($"'{text}' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD");

    public static bool TryParse(string? text, out Period period)
    {
        period = default;
        if (text is null) return false;
        var parts = text.Trim().Split('-');
        if (parts.Length > 3 || parts[0].Length != 4 || parts.Skip(1).Any(p => p.Length != 2)) return false;
        var numbers = new int[3];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i])) return false;
        }
        var (year, month, day) = (numbers[0], numbers[1], numbers[2]);
        if (year < 1 || (parts.Length >= 2 && month is < 1 or > 12)) return false;
        if (parts.Length == 3 && (day < 1 || day > DateTime.DaysInMonth(year, month))) return false;
        period = new Period(year, month, day);
        return true;
    }

    /// <summary>True when this period lies within <paramref name="outer"/> (2015-03-14 lies within 2015-03 and 2015).</summary>
    public bool IsWithin(Period outer) => Matches(outer.ToString());

    /// <summary>True when this period's text starts with <paramref name="prefix"/> ("2015-03-14" matches "2015" and "2015-03").</summary>
    public bool Matches(string prefix) => ToString().StartsWith(prefix, StringComparison.Ordinal);

    public bool Contains(DateOnly date) => FromDate(date).IsWithin(this);

    public override string ToString() => Granularity switch
    {
        PeriodGranularity.Year => Year.ToString("D4", CultureInfo.InvariantCulture),
        PeriodGranularity.Month => $"{Year:D4}-{Month:D2}",
        _ => $"{Year:D4}-{Month:D2}-{Day:D2}",
    };
}
