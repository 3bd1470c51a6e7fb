using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.Pipeline;

using MLNetTemporal.Data;

namespace MLNetTemporal.TimeVectors;

/// <summary>
/// Fits one time vector per period of a dated text data view: rows are grouped by their date column
/// (<see cref="PeriodTexts"/>) and a copy of the base is fine-tuned per period (<see cref="TimeVectorFitting"/>).
/// The result is a <see cref="TimeVectorSet"/> rather than a transformer: the vectors are an ingredient of
/// <see cref="TimeAdaptedEstimator"/> and of the sweeps, not a transform of rows.
/// </summary>
public sealed class TimeVectorEstimator
{
    private readonly TimeVectorEstimatorOptions _options;

    internal TimeVectorEstimator(TimeVectorEstimatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    public TimeVectorSet Fit(IDataView input, IProgress<TimeVectorProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var periods = PeriodTexts.Group(ReadRows(input, _options.TextColumnName, _options.DateColumnName), _options.Granularity, _options.Periods);
        return TimeVectorFitting.Fit(_options.Model!, periods, _options.Training, _options.ResumeFolder, progress, cancellationToken);
    }

    /// <summary>(date, text) of every row; a row whose date cannot be read is an error naming the column and row.</summary>
    internal static List<(Period Date, string Text)> ReadRows(IDataView input, string textColumn, string dateColumn)
    {
        var text = TextInputColumn.Validate(input.Schema, textColumn);
        var date = input.Schema.GetColumnOrNull(dateColumn)
            ?? throw new ArgumentOutOfRangeException(nameof(input), $"Input column '{dateColumn}' not found; expected type DateTime, DateTimeOffset or String (a date such as 2012-05)");
        CheckDateType(date);
        var rows = new List<(Period, string)>();
        using var cursor = input.GetRowCursor([text, date]);
        var readDate = DateReader(cursor, date);
        var getText = cursor.GetGetter<ReadOnlyMemory<char>>(text);
        var value = default(ReadOnlyMemory<char>);
        while (cursor.MoveNext())
        {
            getText(ref value);
            rows.Add((readDate(rows.Count), value.ToString()));
        }
        return rows;
    }

    private static void CheckDateType(DataViewSchema.Column column)
    {
        if (column.Type is not (DateTimeDataViewType or DateTimeOffsetDataViewType or TextDataViewType))
            throw new ArgumentOutOfRangeException(nameof(column), $"Input column '{column.Name}' has type {column.Type}; expected type DateTime, DateTimeOffset or String (a date such as 2012-05)");
    }

    /// <summary>Reads the current row's date from an open cursor; <c>row</c> only names the row in errors.</summary>
    private static Func<int, Period> DateReader(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        switch (column.Type)
        {
            case DateTimeDataViewType:
            {
                var get = cursor.GetGetter<DateTime>(column);
                var d = default(DateTime);
                return _ => { get(ref d); return Period.FromDate(DateOnly.FromDateTime(d)); };
            }
            case DateTimeOffsetDataViewType:
            {
                var get = cursor.GetGetter<DateTimeOffset>(column);
                var d = default(DateTimeOffset);
                return _ => { get(ref d); return Period.FromDate(DateOnly.FromDateTime(d.DateTime)); };
            }
            default:
            {
                var get = cursor.GetGetter<ReadOnlyMemory<char>>(column);
                var s = default(ReadOnlyMemory<char>);
                return row =>
                {
                    get(ref s);
                    return Period.TryParse(s.ToString(), out var p) ? p
                        : throw new InvalidDataException($"column '{column.Name}', row {row}: '{s}' is not a date (expected 2012, 2012-05 or 2012-05-17)");
                };
            }
        }
    }
}
