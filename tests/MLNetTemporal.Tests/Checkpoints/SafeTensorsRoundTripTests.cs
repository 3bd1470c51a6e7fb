using MLNetTemporal.Tests.TestSupport;
using System.Buffers.Binary;
using System.Text;
using FluentAssertions;
using MLNetTemporal.Checkpoints;
using Xunit;
using static TorchSharp.torch;

namespace MLNetTemporal.Tests.Checkpoints;

public class SafeTensorsRoundTripTests
{
    private static readonly ScalarType[] AllDTypes =
    [
        ScalarType.Float32, ScalarType.Float16, ScalarType.BFloat16, ScalarType.Float64,
        ScalarType.Int64, ScalarType.Int32, ScalarType.Int16, ScalarType.Int8, ScalarType.Byte, ScalarType.Bool,
    ];

    public static TheoryData<ScalarType> DTypes => new(AllDTypes);

    [Theory]
    [MemberData(nameof(DTypes))]
    public void EveryDtypeReadsBackBitForBit(ScalarType dtype)
    {
        using var dir = new TempFolder();
        using var original = Sample(dtype, 3, 5);
        var path = dir.File("t.safetensors");

        SafeTensorsWriter.Write(path, [new("x", original)]);

        using var file = SafeTensorsFile.Open(path);
        file.Tensors["x"].DType.Should().Be(dtype);
        file.Tensors["x"].Shape.Should().Equal(3, 5);
        using var back = file.Read("x");
        back.dtype.Should().Be(dtype);
        back.shape.Should().Equal(3, 5);
        back.bytes.ToArray().Should().Equal(original.bytes.ToArray());
        file.GetBytes("x").ToArray().Should().Equal(original.bytes.ToArray());
    }

    [Fact]
    public void DataIsStoredLittleEndianAfterThePaddedHeader()
    {
        using var dir = new TempFolder();
        var path = dir.File("t.safetensors");
        using var f32 = tensor(new[] { 1.5f, -2f });
        using var bf16 = tensor(new[] { 1.5f }).to(ScalarType.BFloat16);

        SafeTensorsWriter.Write(path, [new("f", f32), new("h", bf16)]);

        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        headerLength.Should().Be(((headerLength + 7) / 8) * 8);
        var data = bytes.AsSpan(8 + headerLength);
        BinaryPrimitives.ReadSingleLittleEndian(data).Should().Be(1.5f);
        BinaryPrimitives.ReadSingleLittleEndian(data[4..]).Should().Be(-2f);
        BinaryPrimitives.ReadUInt16LittleEndian(data[8..]).Should().Be(0x3FC0); // bfloat16 1.5
        data.Length.Should().Be(10);
    }

    [Fact]
    public void HeaderMatchesTheRustWriter()
    {
        using var dir = new TempFolder();
        var path = dir.File("t.safetensors");
        using var b = zeros(2);
        using var a = zeros(new long[] { 1 }, ScalarType.Int64);
        using var c = zeros(new long[] { 2, 0 }, ScalarType.Float16);
        using var s = tensor(3.0);

        SafeTensorsWriter.Write(path, [new("b", b), new("c", c), new("a", a), new("s", s)], new Dictionary<string, string> { ["format"] = "pt" });

        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Encoding.UTF8.GetString(bytes, 8, headerLength).TrimEnd(' ').Should().Be(
            "{\"__metadata__\":{\"format\":\"pt\"}," +
            "\"a\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}," +
            "\"s\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[8,16]}," +
            "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,24]}," +
            "\"c\":{\"dtype\":\"F16\",\"shape\":[2,0],\"data_offsets\":[24,24]}}");
        bytes.Length.Should().Be(8 + headerLength + 24);
    }

    [Fact]
    public void ReadWriteReadGivesIdenticalFiles()
    {
        using var dir = new TempFolder();
        var first = dir.File("first.safetensors");
        var second = dir.File("second.safetensors");
        var tensors = AllDTypes.Select((d, i) => new KeyValuePair<string, Tensor>($"layer.{i}.{d}", Sample(d, 4, i + 1))).ToList();
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "quote \" and \\ and é" };
        SafeTensorsWriter.Write(first, tensors, metadata);

        Dictionary<string, Tensor> read;
        using (var file = SafeTensorsFile.Open(first))
        {
            file.Metadata.Should().Equal(metadata);
            read = file.Tensors.Keys.ToDictionary(n => n, n => file.Read(n));
        }
        SafeTensorsWriter.Write(second, read, metadata);

        File.ReadAllBytes(second).Should().Equal(File.ReadAllBytes(first));
        foreach (var t in tensors.Select(p => p.Value).Concat(read.Values)) t.Dispose();
    }

    [Fact]
    public void TensorsAreListedInDataOrder()
    {
        using var dir = new TempFolder();
        var path = dir.File("t.safetensors");
        using var x = zeros(3);
        using var y = zeros(new long[] { 2 }, ScalarType.Int64);
        SafeTensorsWriter.Write(path, [new("z", x), new("a", x), new("m", y)]);

        using var file = SafeTensorsFile.Open(path);

        file.Tensors.Keys.Should().Equal("m", "a", "z");
        file.Tensors.Values.Select(t => t.Offset).Should().BeInAscendingOrder();
        file.Tensors["a"].Length.Should().Be(12);
    }

    [Fact]
    public void ReadConvertsWhenAskedAndLeavesTheFileTypeOtherwise()
    {
        using var dir = new TempFolder();
        var path = dir.File("t.safetensors");
        using var half = tensor(new[] { 0.5f, 2f, -1f }).to(ScalarType.Float16);
        SafeTensorsWriter.Write(path, [new("h", half)]);

        using var file = SafeTensorsFile.Open(path);
        using var asFloat = file.Read("h", CPU, ScalarType.Float32);

        asFloat.dtype.Should().Be(ScalarType.Float32);
        asFloat.data<float>().ToArray().Should().Equal(0.5f, 2f, -1f);
    }

    [Fact]
    public void WritingCopiesNonContiguousTensorsWithoutChangingThem()
    {
        using var dir = new TempFolder();
        var path = dir.File("t.safetensors");
        using var matrix = arange(6, dtype: ScalarType.Float32).reshape(2, 3);
        using var transposed = matrix.t();
        transposed.is_contiguous().Should().BeFalse();

        SafeTensorsWriter.Write(path, [new("t", transposed)]);

        transposed.is_contiguous().Should().BeFalse();
        using var file = SafeTensorsFile.Open(path);
        using var back = file.Read("t");
        back.shape.Should().Equal(3, 2);
        back.data<float>().ToArray().Should().Equal(0f, 3f, 1f, 4f, 2f, 5f);
    }

    [Fact]
    public void UnknownTensorNameNamesTensorAndFile()
    {
        using var dir = new TempFolder();
        var path = dir.File("t.safetensors");
        using var x = zeros(1);
        SafeTensorsWriter.Write(path, [new("x", x)]);
        using var file = SafeTensorsFile.Open(path);

        var act = () => file.Read("nope");

        act.Should().Throw<KeyNotFoundException>().WithMessage("*t.safetensors*'nope'*");
    }

    internal static Tensor Sample(ScalarType dtype, params long[] shape)
    {
        if (dtype == ScalarType.Bool) return rand(shape) > 0.5;
        if (is_floating_point(dtype))
        {
            using var values = randn(shape, ScalarType.Float64) * 100;
            return values.to(dtype);
        }
        var (low, high) = dtype == ScalarType.Byte ? (0, 256) : dtype == ScalarType.Int8 ? (-128, 128) : (-30000, 30000);
        return randint(low, high, shape, dtype);
    }
}
