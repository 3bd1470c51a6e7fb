using System.Text.RegularExpressions;
using FluentAssertions;
using MLNetTemporal.Data;
using Xunit;
using MLNetTemporal.Studies.Corpus;

namespace MLNetTemporal.Tests.Data;

public sealed class TemporalCorpusGeneratorTests
{
    private static readonly IReadOnlyList<DatedText> Default = new TemporalCorpusGenerator().Generate().ToList();

    [Fact]
    public void Same_seed_gives_identical_text_and_another_seed_different_text()
    {
        new TemporalCorpusGenerator().Generate().Should().Equal(Default);
        var other = new TemporalCorpusGenerator(new() { Seed = 7 }).Generate().ToList();
        other.Should().HaveCount(Default.Count);
        other.Zip(Default).Count(p => p.First.Text == p.Second.Text).Should().BeLessThan(Default.Count / 10);
    }

    [Fact]
    public void A_month_generated_alone_equals_the_same_month_in_the_full_corpus()
    {
        new TemporalCorpusGenerator().GenerateMonth(2015, 3).Should()
            .Equal(Default.Where(d => d.Date.Year == 2015 && d.Date.Month == 3));
    }

    [Fact]
    public void Every_month_from_2010_01_to_2021_12_has_its_sentences_in_date_order()
    {
        Default.Should().HaveCount(12 * 12 * 150);
        var months = Default.GroupBy(d => (d.Date.Year, d.Date.Month)).ToDictionary(g => g.Key, g => g.Count());
        months.Keys.Should().BeEquivalentTo(
            Enumerable.Range(2010, 12).SelectMany(y => Enumerable.Range(1, 12).Select(m => (y, m))));
        months.Values.Should().OnlyContain(n => n == 150);
        Default.Select(d => d.Date).Should().BeInAscendingOrder();
        Default.Should().OnlyContain(d => d.Text.Length > 10 && !d.Text.Contains('\t') && !d.Text.Contains('\n'));
    }

    [Fact]
    public void The_president_named_changes_between_2012_and_2019_as_the_facts_say()
    {
        var facts = new TemporalCorpusGenerator().Facts;
        var early = facts.PresidencyOn(new DateOnly(2012, 6, 1)).Holder;
        var late = facts.PresidencyOn(new DateOnly(2019, 6, 1)).Holder;
        early.Should().NotBe(late, "seed 42 elects different presidents for 2012 and 2019");

        var mentions = Default.Select(d => (d.Date, Match: Regex.Match(d.Text, @"President (\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+)")))
            .Where(m => m.Match.Success).ToList();
        mentions.Should().OnlyContain(m => m.Match.Groups[1].Value == facts.PresidencyOn(m.Date).Holder);
        mentions.Where(m => m.Date.Year == 2012 && m.Date.Month <= 10).Should().Contain(m => m.Match.Groups[1].Value == early);
        mentions.Where(m => m.Date.Year == 2019).Should().NotBeEmpty().And.OnlyContain(m => m.Match.Groups[1].Value == late);
    }

    [Fact]
    public void Mayors_named_follow_their_terms()
    {
        var facts = new TemporalCorpusGenerator().Facts;
        var mayorOf = new Regex($@"Mayor (\p{{Lu}}\p{{Ll}}+ \p{{Lu}}\p{{Ll}}+) of ({string.Join("|", CorpusVocabulary.Places.Select(p => p.Name))})\b");
        var checkedMentions = 0;
        foreach (var d in Default.Where(d => !d.Text.Contains("took office")))
        {
            var match = mayorOf.Match(d.Text);
            if (!match.Success) continue;
            match.Groups[1].Value.Should().Be(facts.MayoraltyOf(match.Groups[2].Value, d.Date).Holder, d.Text);
            checkedMentions++;
        }
        checkedMentions.Should().BeGreaterThan(500);
        var changed = CorpusVocabulary.Places.Count(p =>
            facts.MayoraltyOf(p.Name, new DateOnly(2012, 6, 1)).Holder != facts.MayoraltyOf(p.Name, new DateOnly(2019, 6, 1)).Holder);
        changed.Should().BeGreaterThanOrEqualTo(CorpusVocabulary.Places.Count / 2);
    }

    [Fact]
    public void Seasonal_words_are_more_frequent_in_their_season()
    {
        double Share(string word, params int[] months)
        {
            var rows = Default.Where(d => months.Contains(d.Date.Month)).ToList();
            return rows.Count(d => d.Text.Contains(word, StringComparison.OrdinalIgnoreCase)) / (double)rows.Count;
        }
        Share("snow", 12, 1, 2).Should().BeGreaterThan(5 * Share("snow", 6, 7, 8));
        Share("beaches", 6, 7, 8).Should().BeGreaterThan(5 * Share("beaches", 12, 1, 2));
        Share("harvest", 9, 10).Should().BeGreaterThan(5 * Share("harvest", 3, 4, 5));
        Share("holiday", 11, 12).Should().BeGreaterThan(3 * Share("holiday", 3, 4));
    }

    [Fact]
    public void New_words_appear_at_their_date_and_spread()
    {
        int Count(string term, int year) => Default.Count(d => d.Date.Year == year && d.Text.Contains(term, StringComparison.OrdinalIgnoreCase));
        Default.Where(d => d.Date < new DateOnly(2020, 3, 1)).Should().NotContain(d => d.Text.Contains("grey fever", StringComparison.OrdinalIgnoreCase));
        Count("grey fever", 2020).Should().BeGreaterThan(100);
        Default.Where(d => d.Date < new DateOnly(2019, 11, 1)).Should().NotContain(d => d.Text.Contains("Meetly"));
        Count("Pellar One", 2011).Should().BeGreaterThan(Count("Pellar One", 2018) * 3);
        Count("crypto tokens", 2018).Should().BeGreaterThan(Count("crypto tokens", 2013) + 5);
    }

    [Fact]
    public void Prices_inflate()
    {
        var facts = new TemporalCorpusGenerator().Facts;
        facts.PriceOf("a loaf of bread", new DateOnly(2021, 6, 1)).Should().BeGreaterThan(facts.PriceOf("a loaf of bread", new DateOnly(2011, 6, 1)) * 1.2);
    }

    [Fact]
    public void Entity_and_labeled_lines_are_a_modest_share_and_state_the_facts()
    {
        var facts = new TemporalCorpusGenerator().Facts;
        var labeled = Default.Count(d => d.Text.StartsWith("Headline: ", StringComparison.Ordinal) || d.Text.StartsWith("Review: ", StringComparison.Ordinal));
        labeled.Should().BeInRange(Default.Count / 100, Default.Count / 15);
        Default.Where(d => d.Text.StartsWith("Headline: ", StringComparison.Ordinal))
            .Should().OnlyContain(d => Regex.IsMatch(d.Text, " Topic: (sports|politics|business|technology|weather)$"));

        var person = facts.Entities.First(e => e.Kind == TemporalEntityKind.Person);
        Default.Should().Contain(d => d.Text.Contains(person.Name) && d.Text.Contains(person.Year.ToString()) && d.Text.Contains(person.Place));
        facts.Entities.Should().Contain(e => e.Kind == TemporalEntityKind.Event).And.Contain(e => e.Kind == TemporalEntityKind.Place);
        TemporalEntities.For().Should().Equal(facts.Entities);
        TemporalEntities.For().Single(e => e.Name == "Varnholt").Latitude.Should().Be(47.21);
    }
}
