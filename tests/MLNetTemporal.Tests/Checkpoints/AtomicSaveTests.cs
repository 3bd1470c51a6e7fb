using MLNetTemporal.Tests.TestSupport;
using FluentAssertions;
using MLNetTemporal.Checkpoints;
using Xunit;
using static TorchSharp.torch;

namespace MLNetTemporal.Tests.Checkpoints;

public class AtomicSaveTests
{
    [Fact]
    public void EnumerationFailingMidwayLeavesNoFile()
    {
        using var dir = new TempFolder();
        var path = dir.File("model.safetensors");

        var act = () => SafeTensorsWriter.Write(path, Failing());

        act.Should().Throw<IOException>().WithMessage("disk on fire");
        dir.Entries.Should().BeEmpty();
    }

    [Fact]
    public void FailedSaveKeepsThePreviousFile()
    {
        using var dir = new TempFolder();
        var path = dir.File("model.safetensors");
        using var old = ones(2);
        SafeTensorsWriter.Write(path, [new("old", old)]);
        var before = File.ReadAllBytes(path);

        var act = () => SafeTensorsWriter.Write(path, Failing());

        act.Should().Throw<IOException>();
        dir.Entries.Should().Equal("model.safetensors");
        File.ReadAllBytes(path).Should().Equal(before);
    }

    [Fact]
    public void StreamWriterDisposedBeforeCompleteLeavesNoFile()
    {
        using var dir = new TempFolder();
        var path = dir.File("stream.safetensors");
        using var a = ones(4);

        using (var writer = new SafeTensorsStreamWriter(path, [new("a", ScalarType.Float32, [4]), new("b", ScalarType.Float32, [4])]))
        {
            writer.WriteNext("a", a);
            dir.Entries.Should().ContainSingle().Which.Should().EndWith(".tmp");
        }

        dir.Entries.Should().BeEmpty();
    }

    [Fact]
    public void StreamWriterWritesAnnouncedTensorsInOrder()
    {
        using var dir = new TempFolder();
        var path = dir.File("stream.safetensors");
        using var a = arange(4, dtype: ScalarType.Float32);
        using var b = arange(3, dtype: ScalarType.Int64);

        using (var writer = new SafeTensorsStreamWriter(path, [SafeTensorSpec.Of("z", a), SafeTensorSpec.Of("b", b)], new Dictionary<string, string> { ["step"] = "7" }))
        {
            var wrongOrder = () => writer.WriteNext("b", b);
            wrongOrder.Should().Throw<InvalidOperationException>().WithMessage("*'z'*'b'*");
            var wrongShape = () => writer.WriteNext("z", b);
            wrongShape.Should().Throw<ArgumentException>().WithMessage("*'z'*");
            writer.WriteNext("z", a);
            var early = () => writer.Complete();
            early.Should().Throw<InvalidOperationException>().WithMessage("*'b'*");
            File.Exists(path).Should().BeFalse();
            writer.WriteNext("b", b);
            writer.Complete();
        }

        using var file = SafeTensorsFile.Open(path);
        file.Tensors.Keys.Should().Equal("z", "b");
        file.Metadata["step"].Should().Be("7");
        using var z = file.Read("z");
        z.data<float>().ToArray().Should().Equal(0f, 1f, 2f, 3f);
        dir.Entries.Should().Equal("stream.safetensors");
    }

    [Fact]
    public void StreamWriterTakesATensorInPartsAndRefusesBytesBeyondIt()
    {
        using var dir = new TempFolder();
        var path = dir.File("parts.safetensors");
        using var a = arange(10, dtype: ScalarType.Float32);
        using var empty = zeros(new long[] { 0 });
        using var b = ones(2);
        var bytes = a.bytes.ToArray();

        using (var writer = new SafeTensorsStreamWriter(path, [SafeTensorSpec.Of("a", a), SafeTensorSpec.Of("e", empty), SafeTensorSpec.Of("b", b)]))
        {
            writer.WritePart("a", bytes.AsSpan(0, 12));
            var wholeAfterPart = () => writer.WriteNext("a", a);
            wholeAfterPart.Should().Throw<InvalidOperationException>().WithMessage("*'a'*partly*");
            var tooLong = () => writer.WritePart("a", bytes);
            tooLong.Should().Throw<ArgumentException>().WithMessage("*'a'*40 bytes*52*");
            var early = () => writer.Complete();
            early.Should().Throw<InvalidOperationException>().WithMessage("*'a'*fully*");
            writer.WritePart("a", bytes.AsSpan(12));
            writer.WritePart("e", []);
            writer.WriteNext("b", b);
            writer.Complete();
        }

        using var file = SafeTensorsFile.Open(path);
        using var back = file.Read("a");
        back.data<float>().ToArray().Should().Equal(Enumerable.Range(0, 10).Select(i => (float)i));
        file.Tensors["e"].Length.Should().Be(0);
    }

    [Fact]
    public void UnsupportedDtypeIsRefusedBeforeAnythingIsWritten()
    {
        using var dir = new TempFolder();
        using var complex = zeros(new long[] { 2 }, ScalarType.ComplexFloat32);

        var act = () => SafeTensorsWriter.Write(dir.File("c.safetensors"), [new("c", complex)]);

        act.Should().Throw<ArgumentException>().WithMessage("*'c'*ComplexFloat32*");
        dir.Entries.Should().BeEmpty();
    }

    private static IEnumerable<KeyValuePair<string, Tensor>> Failing()
    {
        yield return new("first", ones(3));
        throw new IOException("disk on fire");
    }
}
