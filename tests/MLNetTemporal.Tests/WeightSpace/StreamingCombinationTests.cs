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

    [Theory]
    [InlineData(ScalarType.Float32, ScalarType.Float32, 2)]
    [InlineData(ScalarType.Float32, ScalarType.Float64, 3)]
    [InlineData(ScalarType.BFloat16, ScalarType.BFloat16, 2)]
    [InlineData(ScalarType.Float16, ScalarType.Float32, 3)]
    public void Streaming_in_slices_smaller_than_a_tensor_equals_the_in_memory_result_bit_for_bit(ScalarType first, ScalarType others, int inputs)
    {
        using var folder = new TempFolder();
        using var scope = NewDisposeScope();
        // 100_003 elements: several kernel blocks in memory, and 1000-byte slices that end inside a vector register.
        var files = Enumerable.Range(0, inputs).Select(i =>
        {
            var type = i == 0 ? first : others;
            var path = folder.File($"in{i}.safetensors");
            SafeTensorsWriter.Write(path, [
                new("big", (randn(100_003, generator: new Generator((ulong)i + 1)) * 3).to(type)),
                new("small", randn([3, 5], generator: new Generator((ulong)i + 11)).to(type)),
                new("ids", arange(7 + i, dtype: ScalarType.Int64)[..7])]);
            return path;
        }).ToList();
        double[] coefficients = inputs == 2 ? [0.3, 0.7] : [1, 0.3, -0.7];

        StreamingCombination.Combine(folder.File("out.safetensors"), files, coefficients, sliceBytes: 1000);

        var opened = files.Select(SafeTensorsFile.Open).ToList();
        using var output = SafeTensorsFile.Open(folder.File("out.safetensors"));
        try
        {
            foreach (var name in new[] { "big", "small" })
            {
                var tensors = opened.Select(f => f.Read(name)).ToList();
                var inMemory = TensorCombination.Combine(tensors, coefficients, first);
                var streamed = output.Read(name);
                TensorAssert.SameBits(streamed, inMemory).Should().BeTrue(name);
                var exact = tensors.Select((t, i) => t.to(ScalarType.Float64) * coefficients[i]).Aggregate((x, y) => x + y);
                TensorAssert.MaxAbsDiff(streamed, exact).Should().BeLessThan(first == ScalarType.Float32 ? 1e-5 : 0.1, name);
            }
            TensorAssert.SameBits(output.Read("ids"), opened[0].Read("ids")).Should().BeTrue();
        }
        finally
        {
            foreach (var f in opened) f.Dispose();
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
