using FluentAssertions;
using MLNetTemporal.Probing;
using MLNetTemporal.Tests.TestSupport;
using Xunit;
using MLNetTemporal.Studies.Probing;

namespace MLNetTemporal.Tests.Probing;

public class ProbeDatasetTests
{
    private static string Write(TempFolder folder, string name, params string[] lines)
    {
        var path = Path.Combine(folder.Path, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void ReadsYearsAndIsoDatesAsFractionalYearsWithASplitColumn()
    {
        using var folder = new TempFolder();
        var path = Write(folder, "d.csv", "Name,Date,is_test", "A,1954,0", "\"B, the second\",2000-07-02,false", "C,1999-01,1", "D,1900,yes", "E,1950,no");
        var data = ProbeDataset.Read(path, new ProbeFileColumns("Name", TargetColumn: "Date", SplitColumn: "is_test"));
        data.Target.Should().Be(ProbeTarget.Time);
        data.Rows.Select(r => r.Entity).Should().Equal("A", "B, the second", "C", "D", "E");
        data.Rows[1].Target[0].Should().BeApproximately(2000 + 183 / 365.25, 1e-9);
        data.Rows[2].Target[0].Should().Be(1999);
        data.Test.Select(r => r.Entity).Should().Equal("C", "D");
    }

    [Fact]
    public void BadInputNamesTheRowAndColumn()
    {
        using var folder = new TempFolder();
        var columns = new ProbeFileColumns("Name", TargetColumn: "Date");
        FluentActions.Invoking(() => ProbeDataset.Read(Write(folder, "a.tsv", "Name\tDate", "A\t1954", "B\tlast spring"), columns))
            .Should().Throw<InvalidDataException>().WithMessage("*row 2, column 'Date': 'last spring' is not a year or an ISO date*");
        FluentActions.Invoking(() => ProbeDataset.Read(Write(folder, "b.tsv", "Name\tDate", "A\t"), columns))
            .Should().Throw<InvalidDataException>().WithMessage("*row 1, column 'Date'*");
        var places = new ProbeFileColumns("Name", LatitudeColumn: "lat", LongitudeColumn: "lon");
        FluentActions.Invoking(() => ProbeDataset.Read(Write(folder, "c.tsv", "Name\tlat\tlon", "A\t95\t10"), places))
            .Should().Throw<InvalidDataException>().WithMessage("*row 1, column 'lat': 95 is outside [-90, 90]*");
        FluentActions.Invoking(() => ProbeDataset.Read(Write(folder, "d.tsv", "Name\tYear", "A\t1"), columns))
            .Should().Throw<InvalidDataException>().WithMessage("*target column 'Date' not found*");
        var split = new ProbeFileColumns("Name", TargetColumn: "Date", SplitColumn: "t");
        FluentActions.Invoking(() => ProbeDataset.Read(Write(folder, "e.tsv", "Name\tDate\tt", "A\t1\t0", "B\t2\t0", "C\t3\t0", "D\t4\t0"), split))
            .Should().Throw<InvalidDataException>().WithMessage("*test split has 0 rows*");
    }

    [Fact]
    public void GroupSplitHoldsOutWholeGroups()
    {
        var groups = Enumerable.Range(0, 50).Select(i => $"g{i % 5}").ToList();
        var test = ProbeDataset.GroupSplit(groups, 0.2, seed: 3);
        var held = groups.Where((g, i) => test[i]).Distinct().ToList();
        held.Should().NotBeEmpty();
        groups.Where((g, i) => !test[i]).Should().NotContain(held);
    }

    [Fact]
    public void BuiltInTimeDataLeavesOutPlacesAndSplitsAFifth()
    {
        var data = BuiltInProbeData.Entities(ProbeTarget.Time);
        data.Rows.Should().NotContain(r => r.Group == "Place");
        data.Test.Count.Should().Be((int)Math.Round(0.2 * data.Rows.Count));
        BuiltInProbeData.Entities(ProbeTarget.Place).Rows.Should().Contain(r => r.Group == "Place").And.OnlyContain(r => r.Target.Length == 2);
    }

    [Fact]
    public void NewsmakersAreDatedByTheirTimeInTheNews()
    {
        var corpus = new MLNetTemporal.Studies.Corpus.TemporalCorpusOptions();
        var facts = new MLNetTemporal.Studies.Corpus.TemporalCorpusGenerator(corpus).Facts;
        var data = BuiltInProbeData.Newsmakers(corpus: corpus);
        data.Rows.Select(r => r.Entity).Should().OnlyHaveUniqueItems();
        data.Rows.Should().OnlyContain(r => r.Target[0] >= corpus.StartYear && r.Target[0] <= corpus.EndYear + 1);
        data.Test.Count.Should().Be((int)Math.Round(0.2 * data.Rows.Count));

        var president = data.Rows.Single(r => r.Entity == facts.PresidencyOn(new DateOnly(2015, 6, 1)).Holder);
        var terms = facts.Presidents.Where(t => t.Holder == president.Entity).ToList();
        var (from, to) = (new[] { terms.Min(t => t.Start), new DateOnly(corpus.StartYear, 1, 1) }.Max(), new[] { terms.Max(t => t.End), new DateOnly(corpus.EndYear + 1, 1, 1) }.Min());
        president.Target[0].Should().BeApproximately((MLNetTemporal.Data.FractionalYear.Of(from) + MLNetTemporal.Data.FractionalYear.Of(to)) / 2, 1e-9);
        president.Group.Should().Be("President");
        data.Rows.Single(r => r.Entity == "Pellar Three").Target[0].Should().BeApproximately(2015 + 243 / 365.25, 1e-9, "launched on 1 September 2015");
        data.Rows.Single(r => r.Entity == "crypto tokens").Target[0].Should().Be(2017.9);
        // A mayor who left office before the corpus begins is never in its news.
        data.Rows.Should().NotContain(r => MLNetTemporal.Studies.Corpus.CorpusVocabulary.Places.SelectMany(p => facts.MayorsOf(p.Name)).Any(t => t.Holder == r.Entity && t.End <= new DateOnly(corpus.StartYear, 1, 1)) && r.Group == "Mayor"
            && !MLNetTemporal.Studies.Corpus.CorpusVocabulary.Places.SelectMany(p => facts.MayorsOf(p.Name)).Any(t => t.Holder == r.Entity && t.End > new DateOnly(corpus.StartYear, 1, 1)));
    }
}
