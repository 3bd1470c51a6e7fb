namespace MLNetTemporal.Data;

/// <summary>Dates as fractional years (2015-07-02 is about 2015.5), the scale time probes regress on.</summary>
public static class FractionalYear
{
    /// <summary>The year plus the fraction of it elapsed before the day starts.</summary>
    public static double Of(DateOnly date) => date.Year + (date.DayOfYear - 1) / 365.25;
}
