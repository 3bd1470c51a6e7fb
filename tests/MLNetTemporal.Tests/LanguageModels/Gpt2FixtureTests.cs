using System.Text.Json;
using FluentAssertions;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Tests.TestSupport;
using Xunit;
using static TorchSharp.torch;

namespace MLNetTemporal.Tests.LanguageModels;

/// <summary>Hugging Face's tiny-random-gpt2 against logits and text recorded from transformers (../shared/fixtures).</summary>
public class Gpt2FixtureTests
{
    private const string Folder = "tiny-random-gpt2";

    private static JsonElement Reference() =>
        JsonDocument.Parse(File.ReadAllText(Fixtures.Path(Folder, "reference_logits.json"))).RootElement;

    [FixtureFact(Folder)]
    public void PromptAndSecondStepLogitsMatchTransformers()
    {
        using var model = LanguageModel.Load(Fixtures.Path(Folder), CPU);
        var reference = Reference();
        var inputs = reference.GetProperty("input_ids").EnumerateArray().Select(r => r.EnumerateArray().Select(x => x.GetInt64()).ToArray()).ToArray();
        var sampled = reference.GetProperty("sampled_vocab_indices").EnumerateArray().Select(x => x.GetInt64()).ToArray();
        var expected = reference.GetProperty("prompt_logits_sampled");
        var secondExpected = reference.GetProperty("second_step_logits_sampled");
        using var index = tensor(sampled);
        for (int row = 0; row < inputs.Length; row++)
        {
            using var scope = NewDisposeScope();
            using var ids = tensor(inputs[row], [1, inputs[row].Length]);
            var output = model.Module.call(new CausalLMInput(ids) { UseCache = true });
            var logits = output.Logits![0].index_select(1, index);
            var want = tensor(expected[row].EnumerateArray().SelectMany(p => p.EnumerateArray().Select(x => x.GetSingle())).ToArray(), [inputs[row].Length, sampled.Length]);
            TensorAssert.MaxAbsDiff(logits, want).Should().BeLessThan(1e-4);

            // Second step: the greedy token appended, through the cache.
            long next = output.Logits![0, -1].argmax().item<long>();
            using var cache = output.PresentKeyValues!;
            using var step = tensor(new[] { next }, [1, 1]);
            var again = model.Module.call(new CausalLMInput(step) { PastKeyValues = cache, UseCache = true });
            using var third = again.PresentKeyValues!;
            var wantSecond = tensor(secondExpected[row][0].EnumerateArray().Select(x => x.GetSingle()).ToArray());
            TensorAssert.MaxAbsDiff(again.Logits![0, -1].index_select(0, index), wantSecond).Should().BeLessThan(1e-4);
        }
    }

    [FixtureFact(Folder)]
    public void GreedyDecodingGivesTheRecordedText()
    {
        using var model = LanguageModel.Load(Fixtures.Path(Folder), CPU);
        var pipeline = Reference().GetProperty("hf_pipeline_case");
        var prompt = pipeline.GetProperty("prompt").GetString()!;
        var ids = model.Tokenizer.Encode(prompt);
        var generated = model.GenerateGreedy(ids, 12);
        model.Tokenizer.Decode(ids.Concat(generated)).Should().Be(pipeline.GetProperty("greedy_output_text").GetString());
    }

    [FixtureFact(Folder)]
    public void SavedAndReloadedCheckpointGivesIdenticalLogits()
    {
        using var model = LanguageModel.Load(Fixtures.Path(Folder), CPU);
        var folder = Path.Combine(Path.GetTempPath(), "mlnt-" + Guid.NewGuid().ToString("N"));
        try
        {
            model.Save(folder);
            File.Exists(Path.Combine(folder, "model.safetensors")).Should().BeTrue();
            using var reloaded = LanguageModel.Load(folder, CPU);
            using var ids = tensor(new long[] { 0, 0, 195, 731, 5, 17 }, [1, 6]);
            var a = model.Module.call(new CausalLMInput(ids)).Logits!;
            var b = reloaded.Module.call(new CausalLMInput(ids)).Logits!;
            TensorAssert.Identical(a, b).Should().BeTrue();
            reloaded.Tokenizer.Encode("Hello I believe in").Should().Equal(model.Tokenizer.Encode("Hello I believe in"));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, true);
        }
    }
}
