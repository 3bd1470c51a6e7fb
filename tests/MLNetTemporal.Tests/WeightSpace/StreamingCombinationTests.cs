using FluentAssertions;
using MLNetTemporal.Checkpoints;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Tests.TestSupport;
using MLNetTemporal.WeightSpace;
using Xunit;
using static MLNetTemporal.Tests.WeightSpace.WeightSpaceModels;
using static TorchSharp.torch;

namespace MLNetTemporal.Tests.WeightSpace;

public sealed class StreamingCombinationTests
{
    [Fact]
    public void Streaming_a_base_plus_time_vectors_equals_the_in_memory_result_bit_for_bit()
    {
        using var folder = new TempFolder();
        using var baseModel = Model(1);
        using var a = Model(2);
        using var b = Model(3);
        using var tauA = WeightVector.Difference(a, baseModel);
        using var tauB = WeightVector.Difference(b, baseModel);
        baseModel.Save(folder.File("base"));
        tauA.Save(folder.File("a.safetensors"));
        tauB.Save(folder.File("b.safetensors"));

        var result = StreamingCombination.Combine(folder.File("mix.safetensors"),
            [folder.File("base"), folder.File("a.safetensors"), folder.File("b.safetensors")], [1, 0.3, 0.7]);
        using var inMemory = ModelWeights.Apply(baseModel, [tauA, tauB], [0.3, 0.7]);
        AssertSame(folder.File("mix.safetensors"), inMemory);
        result.Tensors.Should().Be(ModelWeights.Of(baseModel).Count);

        var ties = new MergeOptions { Method = MergeMethod.Ties, Density = 0.4 };
        StreamingCombination.Merge(folder.File("ties.safetensors"), folder.File("base"),
            [folder.File("a.safetensors"), folder.File("b.safetensors")], [1, 0.5], ties);
        using var merged = WeightMerging.Merge([tauA, tauB], [1, 0.5], ties);
        using var tiesInMemory = ModelWeights.Apply(baseModel, merged);
        AssertSame(folder.File("ties.safetensors"), tiesInMemory);

        var dare = new MergeOptions { Method = MergeMethod.Dare, Density = 0.4, Seed = 3 };
        StreamingCombination.Merge(folder.File("dare.safetensors"), null, [folder.File("a.safetensors"), folder.File("b.safetensors")], [1, 1], dare);
        using var dareInMemory = WeightMerging.Merge([tauA, tauB], [1, 1], dare);
        using var file = SafeTensorsFile.Open(folder.File("dare.safetensors"));
        foreach (var name in dareInMemory.Names)
        {
            using var streamed = file.Read(name);
            TensorAssert.Identical(streamed, dareInMemory[name]).Should().BeTrue(name);
        }
    }

    [Fact]
    public void A_mismatched_input_is_an_error_naming_the_tensor_and_leaves_no_output()
    {
        using var folder = new TempFolder();
        using var small = Model(1);
        using var other = LanguageModel.Create(LanguageModels.TestModels.Gpt2(layers: 2, vocab: Tokenizer.VocabSize) with { IntermediateSize = 96 }, Tokenizer, 1, CPU);
        small.Save(folder.File("a"));
        other.Save(folder.File("b"));
        FluentActions.Invoking(() => StreamingCombination.Combine(folder.File("out.safetensors"), [folder.File("a"), folder.File("b")], [0.5, 0.5]))
            .Should().Throw<InvalidDataException>().WithMessage("*mlp.c_fc*");
        File.Exists(folder.File("out.safetensors")).Should().BeFalse();
    }

    private static void AssertSame(string path, LanguageModel expected)
    {
        using var file = SafeTensorsFile.Open(path);
        foreach (var (name, tensor) in ModelWeights.Of(expected))
        {
            using var streamed = file.Read(name);
            TensorAssert.Identical(streamed, tensor).Should().BeTrue(name);
            streamed.dtype.Should().Be(tensor.dtype);
        }
    }
}
