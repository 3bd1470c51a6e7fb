using System.Buffers.Binary;
using FluentAssertions;
using MLNetTemporal.Checkpoints;
using MLNetTemporal.Tests.TestSupport;
using Xunit;
using static TorchSharp.torch;

namespace MLNetTemporal.Tests.Checkpoints;

/// <summary>Checks against a checkpoint written by Hugging Face's own safetensors library.</summary>
public class HuggingFaceFixtureTests
{
    private static string Folder => Fixtures.Path("tiny-random-gpt2");

    private static string WeightsPath => Fixtures.Path("tiny-random-gpt2", "model.safetensors");

    [FixtureFact("tiny-random-gpt2")]
    public void FixtureOpensWithTheExpectedTensors()
    {
        using var file = SafeTensorsFile.Open(WeightsPath);

        file.Metadata.Should().Equal(new Dictionary<string, string> { ["format"] = "pt" });
        file.Tensors.Should().HaveCount(5 * 12 + 4);
        file.Tensors.Values.Should().OnlyContain(t => t.DType == ScalarType.Float32);
        file.Tensors["transformer.wte.weight"].Shape.Should().Equal(1000, 32);
        file.Tensors["transformer.wpe.weight"].Shape.Should().Equal(512, 32);
        file.Tensors["transformer.h.0.attn.c_attn.weight"].Shape.Should().Equal(32, 96);
        file.Tensors["transformer.h.4.mlp.c_proj.weight"].Shape.Should().Equal(128, 32);
        file.Tensors.Keys.Should().NotContain("lm_head.weight").And.NotContain(k => k.EndsWith(".attn.bias"));
        file.Tensors.Keys.First().Should().Be("transformer.h.0.attn.c_attn.bias");
    }

    [FixtureFact("tiny-random-gpt2")]
    public void ReadTakesTheBytesAtTheDeclaredOffset()
    {
        var raw = File.ReadAllBytes(WeightsPath);
        using var file = SafeTensorsFile.Open(WeightsPath);
        var info = file.Tensors["transformer.wte.weight"];
        using var wte = file.Read("transformer.wte.weight");

        var values = wte.data<float>().ToArray();
        values[0].Should().Be(BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan((int)info.Offset)));
        values[^1].Should().Be(BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan((int)(info.Offset + info.Length - 4))));
        (info.Offset + info.Length).Should().Be(raw.Length);
    }

    [FixtureFact("tiny-random-gpt2")]
    public void ResavingTheStateDictReproducesHuggingFacesFileByteForByte()
    {
        using var dir = new TempFolder();
        var state = HuggingFaceCheckpoint.LoadStateDict(Folder);
        try
        {
            HuggingFaceCheckpoint.SaveStateDict(dir.Path, state);
        }
        finally
        {
            foreach (var t in state.Values) t.Dispose();
        }

        dir.Entries.Should().Equal("model.safetensors");
        File.ReadAllBytes(dir.File("model.safetensors")).Should().Equal(File.ReadAllBytes(WeightsPath));
    }
}
