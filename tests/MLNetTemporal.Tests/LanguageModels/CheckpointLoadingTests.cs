using System.Text.Json.Nodes;
using FluentAssertions;
using MLNetTemporal.Checkpoints;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Tests.TestSupport;
using MLNetTemporal.Text;
using Xunit;
using static TorchSharp.torch;

namespace MLNetTemporal.Tests.LanguageModels;

/// <summary>Whole-folder loading and saving through <see cref="LanguageModel"/>, and the errors a bad folder gives.</summary>
public class CheckpointLoadingTests
{
    private static LanguageModel NewLlama(string type = "qwen2")
    {
        var tokenizer = LanguageModelTokenizer.FromFolder(Fixtures.Path("tiny-random-gpt2"));
        var config = LlamaReferenceTests.Config(type, false, 2) with { VocabSize = tokenizer.VocabSize };
        return LanguageModel.Create(config, tokenizer, seed: 3, CPU);
    }

    [FixtureTheory("tiny-random-gpt2")]
    [InlineData("llama")]
    [InlineData("qwen2")]
    public void LlamaFamilyRoundTripsThroughAHuggingFaceFolder(string type)
    {
        using var folder = new TempFolder();
        using var model = NewLlama(type);
        model.Save(folder.Path);
        var config = JsonNode.Parse(File.ReadAllText(folder.File("config.json")))!;
        config["model_type"]!.GetValue<string>().Should().Be(type);
        config["num_key_value_heads"]!.GetValue<int>().Should().Be(2);
        using (var file = SafeTensorsFile.Open(folder.File("model.safetensors")))
        {
            file.Tensors.Should().ContainKey("model.layers.1.self_attn.k_proj.weight").WhoseValue.Shape.Should().Equal(8, 16);
            file.Tensors.ContainsKey("model.layers.0.self_attn.q_proj.bias").Should().Be(type == "qwen2");
            file.Tensors.Should().ContainKey("lm_head.weight");
        }
        using var reloaded = LanguageModel.Load(folder.Path, CPU);
        using var ids = tensor(new long[] { 1, 5, 9, 200 }, [1, 4]);
        TensorAssert.Identical(model.Module.call(new CausalLMInput(ids)).Logits!, reloaded.Module.call(new CausalLMInput(ids)).Logits!).Should().BeTrue();
    }

    [FixtureFact("tiny-random-gpt2")]
    public void RenamedTensorIsNamedInTheError()
    {
        using var folder = new TempFolder();
        using (var model = NewLlama()) model.Save(folder.Path);
        Rewrite(folder.File("model.safetensors"), state =>
        {
            state["model.layers.1.mlp.up_projection.weight"] = state["model.layers.1.mlp.up_proj.weight"];
            state.Remove("model.layers.1.mlp.up_proj.weight");
        });
        var act = () => LanguageModel.Load(folder.Path, CPU);
        act.Should().Throw<InvalidDataException>()
            .Which.Message.Should().Contain("model.layers.1.mlp.up_proj.weight").And.Contain("model.layers.1.mlp.up_projection.weight");
    }

    [FixtureFact("tiny-random-gpt2")]
    public void ReshapedTensorIsNamedWithBothShapes()
    {
        using var folder = new TempFolder();
        using (var model = NewLlama()) model.Save(folder.Path);
        Rewrite(folder.File("model.safetensors"), state => state["model.layers.0.self_attn.o_proj.weight"] = state["model.layers.0.self_attn.o_proj.weight"].t().contiguous()[..8]);
        var act = () => LanguageModel.Load(folder.Path, CPU);
        act.Should().Throw<InvalidDataException>().Which.Message.Should()
            .Contain("model.layers.0.self_attn.o_proj.weight").And.Contain("[8, 16]").And.Contain("[16, 16]");
    }

    [FixtureFact("tiny-random-gpt2")]
    public void IntegerTensorWhereAFloatBelongsIsRejected()
    {
        using var folder = new TempFolder();
        using (var model = NewLlama()) model.Save(folder.Path);
        Rewrite(folder.File("model.safetensors"), state => state["model.norm.weight"] = state["model.norm.weight"].to(ScalarType.Int32));
        var act = () => LanguageModel.Load(folder.Path, CPU);
        act.Should().Throw<InvalidDataException>().Which.Message.Should().Contain("model.norm.weight");
    }

    [FixtureFact("tiny-random-gpt2")]
    public void HalfPrecisionCheckpointsLoadIntoFloat32()
    {
        using var folder = new TempFolder();
        using var model = NewLlama();
        model.Save(folder.Path);
        Rewrite(folder.File("model.safetensors"), state =>
        {
            foreach (var key in state.Keys.ToList()) state[key] = state[key].to(ScalarType.BFloat16);
        });
        using var reloaded = LanguageModel.Load(folder.Path, CPU);
        var expected = model.Module.named_parameters().ToDictionary(p => p.name, p => p.parameter.to(ScalarType.BFloat16).to(ScalarType.Float32));
        foreach (var (name, p) in reloaded.Module.named_parameters())
        {
            p.dtype.Should().Be(ScalarType.Float32);
            TensorAssert.Identical(p, expected[name]).Should().BeTrue(name);
        }
    }

    [FixtureFact("tiny-random-gpt2")]
    public void MissingFilesAreNamed()
    {
        using var folder = new TempFolder();
        using (var model = NewLlama()) model.Save(folder.Path);
        File.Delete(folder.File("vocab.json"));
        var noTokenizer = () => LanguageModel.Load(folder.Path, CPU);
        noTokenizer.Should().Throw<Exception>().Which.Message.Should().Contain(folder.Path).And.Contain("vocab.json");

        File.Delete(folder.File("config.json"));
        var noConfig = () => LanguageModel.Load(folder.Path, CPU);
        noConfig.Should().Throw<FileNotFoundException>().Which.Message.Should().Contain("config.json");
    }

    [Fact]
    public void ConfigErrorsNameTheKey()
    {
        var json = new JsonObject { ["model_type"] = "llama", ["hidden_size"] = 30, ["num_attention_heads"] = 4 };
        var act = () => LanguageModelConfig.FromJson(json);
        act.Should().Throw<InvalidDataException>().WithMessage("*num_attention_heads*");
        var unknown = () => LanguageModelConfig.FromJson(new JsonObject { ["model_type"] = "bert" });
        unknown.Should().Throw<NotSupportedException>().WithMessage("*bert*");
    }

    private static void Rewrite(string path, Action<Dictionary<string, Tensor>> edit)
    {
        Dictionary<string, Tensor> state;
        using (var file = SafeTensorsFile.Open(path))
            state = file.Tensors.Keys.ToDictionary(k => k, k => file.Read(k));
        edit(state);
        SafeTensorsWriter.Write(path, state);
    }
}
