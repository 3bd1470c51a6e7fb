using System.Text.Json;
using FluentAssertions;
using MLNetTemporal.Tests.TestSupport;
using MLNetTemporal.Text;
using Xunit;

namespace MLNetTemporal.Tests.Text;

/// <summary>Tokenizers loaded from folders must give exactly the ids Hugging Face gives (external oracles in ../shared/fixtures).</summary>
public sealed class LanguageModelTokenizerFixtureTests
{
    [FixtureFact("gpt2-tokenizer")]
    public void Gpt2_encodes_every_reference_case_to_the_hugging_face_ids_and_decodes_back()
    {
        var tokenizer = LanguageModelTokenizer.FromFolder(Fixtures.Path("gpt2-tokenizer"));
        tokenizer.Kind.Should().Be(LanguageModelTokenizer.ByteLevelBpeKind);
        tokenizer.VocabSize.Should().Be(50257);
        tokenizer.EosId.Should().Be(50256);
        tokenizer.BosId.Should().Be(50256);
        tokenizer.PadId.Should().Be(50256);

        var cases = ReadCases(Fixtures.Path("gpt2-tokenizer", "expected_ids.json"));
        cases.Should().HaveCount(25);
        foreach (var c in cases)
        {
            var expected = c.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var input = c.GetProperty("input").GetString()!;
            tokenizer.Encode(input).Should().Equal(expected, because: $"ids of {JsonSerializer.Serialize(input)}");
            tokenizer.Decode(expected).Should().Be(input);
        }
    }

    [FixtureFact("gpt2-tokenizer")]
    public void Gpt2_end_of_text_in_the_input_is_the_special_token()
    {
        var tokenizer = LanguageModelTokenizer.FromFolder(Fixtures.Path("gpt2-tokenizer"));
        tokenizer.Encode("hello world<|endoftext|>").Should().Equal(31373, 995, 50256);
        tokenizer.Encode("hello world", addBos: true).Should().Equal(50256, 31373, 995);
    }

    [FixtureFact("llama2-tokenizer")]
    public void Llama2_encodes_every_reference_case_with_bos_and_decodes_without_special_tokens()
    {
        var tokenizer = LanguageModelTokenizer.FromFolder(Fixtures.Path("llama2-tokenizer"));
        tokenizer.Kind.Should().Be(LanguageModelTokenizer.SentencePieceKind);
        tokenizer.BosId.Should().Be(1);
        tokenizer.EosId.Should().Be(2);
        tokenizer.VocabSize.Should().Be(32000);

        var cases = ReadCases(Fixtures.Path("llama2-tokenizer", "expected_ids.json"));
        cases.Should().HaveCount(18);
        foreach (var c in cases)
        {
            var expected = c.GetProperty("ids_with_special").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var input = c.GetProperty("input").GetString()!;
            tokenizer.Encode(input, addBos: true).Should().Equal(expected, because: $"ids of {JsonSerializer.Serialize(input)}");
            tokenizer.Decode(expected).Should().Be(c.GetProperty("decoded_without_special").GetString());
        }
    }

    [FixtureFact("tiny-random-gpt2")]
    public void Tiny_random_gpt2_encodes_the_pipeline_prompt_as_hugging_face_merges_do()
    {
        var folder = Fixtures.Path("tiny-random-gpt2");
        var tokenizer = LanguageModelTokenizer.FromFolder(folder);
        var vocab = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(Path.Combine(folder, "vocab.json")))!;

        // Worked by hand from merges.txt in merge order: "Hello" has no whole-word token and splits H|ell|o
        // ("e l" then "el l" apply, "ll" loses to "el"), " believe" splits Ġbel|ie|ve; " I", " in" are whole tokens.
        string[] pieces = ["H", "ell", "o", "ĠI", "Ġbel", "ie", "ve", "Ġin"];
        var expected = pieces.Select(p => vocab[p]).ToArray();
        expected.Should().Equal(40, 416, 79, 266, 993, 478, 711, 221);

        tokenizer.Encode("Hello I believe in").Should().Equal(expected);
        tokenizer.Decode(expected).Should().Be("Hello I believe in");
        tokenizer.Decode([vocab["Ġfe"], vocab["Ġfe"]]).Should().Be(" fe fe");
        tokenizer.VocabSize.Should().Be(1000);
        tokenizer.EosId.Should().Be(0);
        tokenizer.PadId.Should().Be(0);
    }

    [FixtureFact("gpt2-tokenizer")]
    public void Gpt2_saved_as_vocab_and_merges_reloads_to_the_same_ids()
    {
        var source = LanguageModelTokenizer.FromFolder(Fixtures.Path("gpt2-tokenizer"));
        using var temp = new TempFolder();
        source.SaveTo(temp.Path);

        File.Exists(Path.Combine(temp.Path, "vocab.json")).Should().BeTrue();
        File.ReadLines(Path.Combine(temp.Path, "merges.txt")).First().Should().Be("#version: 0.2");
        var reloaded = LanguageModelTokenizer.FromFolder(temp.Path);
        const string text = "The quick brown fox   jumps over 12345 lazy dogs! 日本語 🤗";
        reloaded.Encode(text).Should().Equal(source.Encode(text));
        reloaded.EosId.Should().Be(50256);
    }

    [FixtureFact("llama2-tokenizer")]
    public void Llama2_saved_folder_holds_the_model_and_reloads()
    {
        var source = LanguageModelTokenizer.FromFolder(Fixtures.Path("llama2-tokenizer"));
        using var temp = new TempFolder();
        source.SaveTo(temp.Path);

        File.ReadAllBytes(Path.Combine(temp.Path, "tokenizer.model"))
            .Should().Equal(File.ReadAllBytes(Fixtures.Path("llama2-tokenizer", "tokenizer.model")));
        File.ReadAllText(Path.Combine(temp.Path, "tokenizer_config.json")).Should().Contain("LlamaTokenizer");
        LanguageModelTokenizer.FromFolder(temp.Path).Encode("Hello World", addBos: true).Should().Equal(1, 15043, 2787);
    }

    private static List<JsonElement> ReadCases(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("cases").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
