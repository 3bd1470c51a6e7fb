using FluentAssertions;
using MLNetTemporal.Data;
using MLNetTemporal.Tests.TestSupport;
using Xunit;
using MLNetTemporal.Studies.Corpus;

namespace MLNetTemporal.Tests.Data;

public sealed class DatedTextTsvTests
{
    [Fact]
    public void Corpus_written_as_tsv_reads_back_identically()
    {
        var corpus = new TemporalCorpusGenerator(new() { StartYear = 2014, EndYear = 2015, SentencesPerMonth = 20 }).Generate().ToList();
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "corpus.tsv");

        DatedTextTsv.Write(path, corpus);

        File.ReadLines(path).First().Should().Be("Date\tText");
        DatedTextTsv.Read(path).Should().Equal(corpus);
    }

    [Fact]
    public void Reads_configured_columns_with_year_month_and_day_dates()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "in.tsv");
        File.WriteAllText(path, "id\twhen\tbody\n1\t2015\ta year\n2\t2015-03\ta month\n3\t2015-03-14\ta day\n4\t2016-01-02\tnext year\n");

        var rows = DatedTextTsv.ReadRows(path, new() { DateColumn = "when", TextColumn = "body" });

        rows.Select(r => r.Period.ToString()).Should().Equal("2015", "2015-03", "2015-03-14", "2016-01-02");
        rows.Select(r => r.Line).Should().Equal(2, 3, 4, 5);
        rows[1].ToDatedText().Should().Be(new DatedText(new DateOnly(2015, 3, 1), "a month"));
        PeriodFilter.Select(rows, Period.Parse("2015")).Select(r => r.Text).Should().Equal("a year", "a month", "a day");
        PeriodFilter.Select(rows, Period.Parse("2015-03")).Select(r => r.Text).Should().Equal("a month", "a day");
        PeriodFilter.Select(rows.Select(r => r.ToDatedText()), Period.Parse("2016")).Select(r => r.Text).Should().Equal("next year");
    }

    [Fact]
    public void Missing_column_is_named_with_the_header_columns()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "in.tsv");
        File.WriteAllText(path, "date\tText\n2015\tx\n");

        var act = () => DatedTextTsv.Read(path);

        act.Should().Throw<InvalidDataException>().WithMessage($"{path}: no column 'Date'*columns are ['date', 'Text']");
    }

    [Fact]
    public void Bad_date_names_file_line_and_value()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "in.tsv");
        File.WriteAllText(path, "Date\tText\n2015-01-02\tfine\n2015-13\tbad month\n");

        var act = () => DatedTextTsv.Read(path);

        act.Should().Throw<InvalidDataException>().WithMessage($"{path}:3: column 'Date' value '2015-13' is not a date*");
    }

    [Fact]
    public void Short_row_and_empty_file_are_reported()
    {
        using var temp = new TempFolder();
        var shortRow = Path.Combine(temp.Path, "short.tsv");
        File.WriteAllText(shortRow, "Date\tText\n2015\n");
        var empty = Path.Combine(temp.Path, "empty.tsv");
        File.WriteAllText(empty, "");

        FluentActions.Invoking(() => DatedTextTsv.Read(shortRow)).Should().Throw<InvalidDataException>().WithMessage($"{shortRow}:2: expected 2*found 1");
        FluentActions.Invoking(() => DatedTextTsv.Read(empty)).Should().Throw<InvalidDataException>().WithMessage($"{empty}: file is empty*");
    }

    [Fact]
    public void Writing_text_with_a_tab_or_newline_is_rejected_and_leaves_no_file()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "out.tsv");
        DatedText[] rows = [new(new DateOnly(2015, 1, 1), "fine"), new(new DateOnly(2015, 1, 2), "two\nlines")];

        var act = () => DatedTextTsv.Write(path, rows);

        act.Should().Throw<ArgumentException>().WithMessage("*row 2 (2015-01-02)*line break*two\\nlines*");
        File.Exists(path).Should().BeFalse();
        Directory.EnumerateFiles(temp.Path).Should().BeEmpty();
    }
}
