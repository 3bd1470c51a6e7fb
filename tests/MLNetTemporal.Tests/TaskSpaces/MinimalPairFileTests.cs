using FluentAssertions;
using MLNetTemporal.TaskSpaces;
using MLNetTemporal.Tests.TestSupport;
using Xunit;
using MLNetTemporal.Studies.TaskSpaces;

namespace MLNetTemporal.Tests.TaskSpaces;

public class MinimalPairFileTests
{
    private const string Good = """{"sentence_good": "The fans are here.", "sentence_bad": "The fans is here.", "UID": "agr", "linguistics_term": "subject_verb_agreement", "field": "morphology", "pairID": "0"}""";

    [Fact]
    public void BuiltInPairsRoundTripThroughBlimpJsonl()
    {
        using var folder = new TempFolder();
        var pairs = BuiltInMinimalPairs.Generate(5);
        MinimalPairFile.WriteJsonl(folder.File("pairs.jsonl"), pairs);
        var load = MinimalPairFile.Read(folder.File("pairs.jsonl"));
        load.Skipped.Should().BeEmpty();
        load.Pairs.All.Should().Equal(pairs);
    }

    [Fact]
    public void TsvWithTheSameColumnsIsRead()
    {
        using var folder = new TempFolder();
        File.WriteAllLines(folder.File("pairs.tsv"), ["UID\tsentence_good\tsentence_bad\tlinguistics_term", "agr\tThe fans are here.\tThe fans is here.\tsva"]);
        var pairs = MinimalPairFile.Read(folder.File("pairs.tsv")).Pairs.All.ToList();
        pairs.Should().Equal(new MinimalPair("The fans are here.", "The fans is here.", "agr", "sva"));
    }

    [Fact]
    public void AMalformedLineIsAnErrorWithItsLineNumberUnlessLenient()
    {
        using var folder = new TempFolder();
        var path = folder.File("pairs.jsonl");
        File.WriteAllLines(path, [Good, "{\"sentence_good\": \"A\"", Good.Replace("\"UID\": \"agr\", ", "")]);

        var strict = () => MinimalPairFile.Read(path);
        strict.Should().Throw<InvalidDataException>().WithMessage("*pairs.jsonl: line 2: not valid JSON*Lenient*");

        var load = MinimalPairFile.Read(path, new MinimalPairReadOptions { Lenient = true });
        load.Pairs.Count.Should().Be(1);
        load.Skipped.Should().HaveCount(2);
        load.Skipped[0].Should().Contain("line 2");
        load.Skipped[1].Should().Contain("line 3").And.Contain("missing 'UID'");
    }

    [Fact]
    public void APairWithIdenticalSentencesIsRejected()
    {
        using var folder = new TempFolder();
        var path = folder.File("pairs.jsonl");
        File.WriteAllLines(path, [Good, Good.Replace("The fans is here.", "The fans are here.")]);
        var act = () => MinimalPairFile.Read(path);
        act.Should().Throw<InvalidDataException>().WithMessage("*line 2*same sentence*");
    }

    [Fact]
    public void AnUnknownTaskNameIsAnErrorListingTheKnownOnes()
    {
        var set = new MinimalPairSet(BuiltInMinimalPairs.Generate(3));
        var act = () => set.Select(["transitive", "no_such_task"]);
        act.Should().Throw<KeyNotFoundException>().WithMessage("*unknown task 'no_such_task'*transitive*");
    }

    [Fact]
    public void TheBuiltInGrammarGivesFifteenTasksInFiveFamiliesOfDistinctPairs()
    {
        var pairs = BuiltInMinimalPairs.Generate(40, seed: 1);
        pairs.Should().Equal(BuiltInMinimalPairs.Generate(40, seed: 1), "the same seed gives the same pairs");
        var set = new MinimalPairSet(pairs);
        set.Tasks.Should().HaveCount(15);
        set.Tasks.Select(t => set.GroupOf(t, TaskGrouping.LinguisticsTerm)).GroupBy(g => g).Should().HaveCount(5).And.OnlyContain(g => g.Count() == 3);
        foreach (var task in set.Tasks)
        {
            set[task].Should().HaveCount(40);
            set[task].Select(p => p.Good).Should().OnlyHaveUniqueItems();
            set[task].Should().OnlyContain(p => p.Good != p.Bad && p.Field != null);
        }
        // Minimal: the two sentences differ in a short span, not everywhere.
        pairs.Should().OnlyContain(p => p.Good.Split(' ').Zip(p.Bad.Split(' ')).Count(w => w.First != w.Second) <= 3 || p.Good.Split(' ').Length != p.Bad.Split(' ').Length);
    }

    [Fact]
    public void TheSplitHoldsOutTheSameShareOfEveryTaskAndIsSeeded()
    {
        var set = new MinimalPairSet(BuiltInMinimalPairs.Generate(10));
        var (train, heldOut) = set.Split(0.3, seed: 5);
        foreach (var task in set.Tasks)
        {
            heldOut[task].Should().HaveCount(3);
            train[task].Should().HaveCount(7);
            train[task].Intersect(heldOut[task]).Should().BeEmpty();
        }
        set.Split(0.3, seed: 5).HeldOut.All.Should().Equal(heldOut.All);
    }
}
