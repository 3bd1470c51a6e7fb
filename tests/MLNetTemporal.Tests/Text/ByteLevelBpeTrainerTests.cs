using FluentAssertions;
using Microsoft.ML.Tokenizers;
using MLNetTemporal.Tests.TestSupport;
using MLNetTemporal.Text;
using Xunit;

namespace MLNetTemporal.Tests.Text;

public sealed class ByteLevelBpeTrainerTests
{
    // Pieces: "hug" ×1, " hug" ×2, " pug", " pun", " bun", " hugs". Pair counts by hand:
    // u g = 5 → merge 1; then h ug = 4; then Ġ hug = 3 (" hug" ×2, " hugs");
    // then Ġ p = 2 and u n = 2 tie: u (id 84) < Ġ (id 220), so u n first, then Ġ p; everything else occurs once.
    private static readonly string[] HugCorpus = ["hug hug hug pug pun bun hugs"];

    [Fact]
    public void First_merges_are_the_hand_counted_most_frequent_pairs_with_ties_to_smaller_ids()
    {
        var vocab = new ByteLevelBpeTrainer(new() { VocabSize = 300, MinFrequency = 2 }).Train(HugCorpus);

        vocab.Merges.Select(m => m.ToString()).Should().Equal("u g", "h ug", "Ġ hug", "u n", "Ġ p");
        vocab.Tokens["ug"].Should().Be(256);
        vocab.Tokens["Ġhug"].Should().Be(258);
        vocab.Tokens["!"].Should().Be(0);
        vocab.Tokens["Ġ"].Should().Be(220, "byte tokens keep GPT-2's ids");
        vocab.Tokens["<|endoftext|>"].Should().Be(261, "special tokens come after the merges");
        vocab.Tokens.Should().HaveCount(262);
    }

    [Fact]
    public void Vocab_size_bounds_the_number_of_merges()
    {
        var vocab = new ByteLevelBpeTrainer(new() { VocabSize = 256 + 2 + 1, MinFrequency = 1 }).Train(HugCorpus);
        vocab.Merges.Select(m => m.ToString()).Should().Equal("u g", "h ug");
        vocab.Tokens.Should().HaveCount(259);
    }

    [Fact]
    public void Saved_vocabulary_reloads_through_the_library_and_encodes_with_the_learned_merges()
    {
        var vocab = new ByteLevelBpeTrainer(new() { VocabSize = 300, MinFrequency = 2 }).Train(HugCorpus);
        using var temp = new TempFolder();
        vocab.SaveTo(temp.Path);

        File.ReadAllLines(Path.Combine(temp.Path, "merges.txt")).Should().Equal("#version: 0.2", "u g", "h ug", "Ġ hug", "u n", "Ġ p");
        var tokenizer = LanguageModelTokenizer.FromFolder(temp.Path);
        tokenizer.Inner.Should().BeOfType<TiktokenTokenizer>("ids follow merge order");
        tokenizer.Encode(" hugs").Should().Equal(258, vocab.Tokens["s"]);
        tokenizer.Encode("hug<|endoftext|>").Should().Equal(257, 261);
        tokenizer.EosId.Should().Be(261);
        tokenizer.VocabSize.Should().Be(262);
    }

    [Fact]
    public void Learned_tokenizer_round_trips_its_training_text_and_unseen_text()
    {
        string[] corpus = Enumerable.Range(0, 200)
            .Select(i => $"In {2010 + i % 12} the mayor of Varnholt said prices rose {i}% — naïve café owners cheered 🎉.\n")
            .ToArray();
        var vocab = new ByteLevelBpeTrainer(new() { VocabSize = 400 }).Train(corpus);
        using var temp = new TempFolder();
        vocab.SaveTo(temp.Path);
        var tokenizer = LanguageModelTokenizer.FromFolder(temp.Path);

        foreach (var text in corpus.Take(20).Append("  unseen\ttext with 日本語 and   spaces\r\n"))
        {
            var ids = tokenizer.Encode(text);
            tokenizer.Decode(ids).Should().Be(text);
        }
        tokenizer.Encode(corpus[0]).Length.Should().BeLessThan(corpus[0].Length / 2, "merges compress the training text");
    }

    [Fact]
    public void Training_is_deterministic()
    {
        string[] corpus = Enumerable.Range(0, 300).Select(i => $"word{i % 17} ab ba abab baba {i % 5} aa bb").ToArray();
        var first = new ByteLevelBpeTrainer(new() { VocabSize = 320, MinFrequency = 1 }).Train(corpus);
        var second = new ByteLevelBpeTrainer(new() { VocabSize = 320, MinFrequency = 1 }).Train(corpus.Reverse());

        second.Merges.Should().Equal(first.Merges);
        second.Tokens.Should().BeEquivalentTo(first.Tokens);
    }
}
