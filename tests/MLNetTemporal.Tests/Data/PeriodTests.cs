using FluentAssertions;
using MLNetTemporal.Data;
using Xunit;

namespace MLNetTemporal.Tests.Data;

public sealed class PeriodTests
{
    [Theory]
    [InlineData("2015", PeriodGranularity.Year, "2015-01-01")]
    [InlineData("2015-03", PeriodGranularity.Month, "2015-03-01")]
    [InlineData("2016-02-29", PeriodGranularity.Day, "2016-02-29")]
    public void Parses_each_granularity(string text, PeriodGranularity granularity, string start)
    {
        var period = Period.Parse(text);
        period.Granularity.Should().Be(granularity);
        period.ToString().Should().Be(text);
        period.Start.Should().Be(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("15")]
    [InlineData("2015-3")]
    [InlineData("2015-00")]
    [InlineData("2015-02-29")]
    [InlineData("2015/03")]
    [InlineData("")]
    public void Rejects_malformed_dates_quoting_them(string text)
    {
        FluentActions.Invoking(() => Period.Parse(text)).Should().Throw<FormatException>().WithMessage($"'{text}'*");
    }

    [Fact]
    public void Matches_by_prefix_and_contains_dates()
    {
        var day = Period.Parse("2015-03-14");
        day.Matches("2015").Should().BeTrue();
        day.Matches("2015-03").Should().BeTrue();
        day.Matches("2015-04").Should().BeFalse();
        Period.Parse("2015").IsWithin(Period.Parse("2015-03")).Should().BeFalse();
        Period.Parse("2015-03").Contains(new DateOnly(2015, 3, 31)).Should().BeTrue();
        Period.Parse("2015-03").Contains(new DateOnly(2015, 4, 1)).Should().BeFalse();
    }
}
