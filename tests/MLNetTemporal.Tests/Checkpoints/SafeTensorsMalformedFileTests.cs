using MLNetTemporal.Tests.TestSupport;
using System.Buffers.Binary;
using System.Text;
using FluentAssertions;
using MLNetTemporal.Checkpoints;
using Xunit;
using static TorchSharp.torch;

namespace MLNetTemporal.Tests.Checkpoints;

public class SafeTensorsMalformedFileTests
{
    /// <summary>Header JSON, data bytes, and the tensor the error must name (null where none is at fault).</summary>
    public static TheoryData<string, int, string?> BadHeaders => new()
    {
        { "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]", 8, null },               // unterminated JSON
        { "[1,2]", 0, null },                                                                          // not an object
        { "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},}", 8, null },             // trailing comma
        { "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,16]}}", 8, "w" },              // past the data
        { "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", 8, "w" },              // past the data
        { "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", 8, "w" },               // shape needs 8 bytes
        { "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8, "w" },               // reversed
        { "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12, "b" }, // overlap
        { "{\"w\":{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[0,2]}}", 2, "w" },           // unsupported dtype
        { "{\"w\":{\"dtype\":\"Q7\",\"shape\":[2],\"data_offsets\":[0,2]}}", 2, "w" },                // unknown dtype
        { "{\"w\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8, "w" },              // negative dimension
        { "{\"w\":{\"dtype\":\"F32\",\"shape\":[2.5],\"data_offsets\":[0,8]}}", 8, "w" },             // fractional dimension
        { "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0]}}", 8, "w" },                 // one offset
        { "{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8, "w" },                                      // no offsets
        { "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"extra\":1}}", 8, "w" },   // unknown field
        { "{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,8]}}", 8, "w" }, // size overflows
        { "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "w" }, // duplicate
        { "{\"w\":[0,8]}", 8, "w" },                                                                   // entry not an object
        { "{\"__metadata__\":{\"format\":1}}", 0, null },                                            // metadata value not a string
        { "{\"__metadata__\":[\"pt\"]}", 0, null },                                                  // metadata not a map
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public void MalformedHeaderIsInvalidDataNamingFileAndTensor(string header, int dataBytes, string? tensorAtFault)
    {
        using var dir = new TempFolder();
        var path = dir.File("bad.safetensors");
        File.WriteAllBytes(path, Build(Encoding.UTF8.GetBytes(header), new byte[dataBytes]));

        var error = ((Action)(() => SafeTensorsFile.Open(path).Dispose())).Should().Throw<InvalidDataException>().Which;

        error.Message.Should().Contain(path);
        if (tensorAtFault is not null) error.Message.Should().Contain($"'{tensorAtFault}'");
    }

    [Fact]
    public void HeaderThatIsNotUtf8IsRejected()
    {
        using var dir = new TempFolder();
        var path = dir.File("bad.safetensors");
        File.WriteAllBytes(path, Build([(byte)'{', (byte)'"', 0xFF, 0xFE, (byte)'"', (byte)':', (byte)'1', (byte)'}'], []));

        Open(path).Should().Throw<InvalidDataException>().WithMessage($"*{path}*UTF-8*");
    }

    [Fact]
    public void FileCutInTheDataSectionNamesTheTensorThatNoLongerFits()
    {
        using var dir = new TempFolder();
        var path = dir.File("cut.safetensors");
        using var a = ones(4);
        using var b = ones(4);
        SafeTensorsWriter.Write(path, [new("first", a), new("second", b)]);
        using (var stream = new FileStream(path, FileMode.Open)) stream.SetLength(stream.Length - 3);

        Open(path).Should().Throw<InvalidDataException>().WithMessage($"*{path}*'second'*truncated*");
    }

    [Fact]
    public void FileCutInTheHeaderIsRejected()
    {
        using var dir = new TempFolder();
        var path = dir.File("cut.safetensors");
        using var a = ones(4);
        SafeTensorsWriter.Write(path, [new("first", a)]);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..20]);

        Open(path).Should().Throw<InvalidDataException>().WithMessage($"*{path}*header length*");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void FileTooShortForTheLengthPrefixIsRejected(int length)
    {
        using var dir = new TempFolder();
        var path = dir.File("short.safetensors");
        File.WriteAllBytes(path, new byte[length]);

        Open(path).Should().Throw<InvalidDataException>().WithMessage($"*{path}*too short*");
    }

    [Theory]
    [InlineData(1UL << 62)]
    [InlineData(ulong.MaxValue)]
    [InlineData(100_000_008UL)]
    public void AbsurdHeaderLengthIsRejectedWithoutReadingIt(ulong declared)
    {
        using var dir = new TempFolder();
        var path = dir.File("huge.safetensors");
        File.WriteAllBytes(path, Build("{}"u8.ToArray(), [], declared));

        Open(path).Should().Throw<InvalidDataException>().WithMessage($"*{path}*exceeds*");
    }

    [Fact]
    public void HeaderLengthBeyondTheFileIsRejected()
    {
        using var dir = new TempFolder();
        var path = dir.File("long.safetensors");
        File.WriteAllBytes(path, Build("{}      "u8.ToArray(), [], declared: 64));

        Open(path).Should().Throw<InvalidDataException>().WithMessage($"*{path}*runs past the end*");
    }

    [Fact]
    public void EmptyHeaderIsInvalidJson()
    {
        using var dir = new TempFolder();
        var path = dir.File("empty.safetensors");
        File.WriteAllBytes(path, Build([], []));

        Open(path).Should().Throw<InvalidDataException>().WithMessage($"*{path}*JSON*");
    }

    [Fact]
    public void EmptyTensorsAndGapsAreAccepted()
    {
        using var dir = new TempFolder();
        var path = dir.File("ok.safetensors");
        var header = "{\"__metadata__\":null,\"e\":{\"dtype\":\"F32\",\"shape\":[0,3],\"data_offsets\":[4,4]},\"w\":{\"dtype\":\"I16\",\"shape\":[1],\"data_offsets\":[4,6]}}";
        File.WriteAllBytes(path, Build(Encoding.UTF8.GetBytes(header), [9, 9, 9, 9, 0x34, 0x12, 7]));

        using var file = SafeTensorsFile.Open(path);
        using var w = file.Read("w");
        using var e = file.Read("e");

        w.item<short>().Should().Be(0x1234);
        e.shape.Should().Equal(0, 3);
        file.Metadata.Should().BeEmpty();
    }

    private static Action Open(string path) => () => SafeTensorsFile.Open(path).Dispose();

    internal static byte[] Build(byte[] header, byte[] data, ulong? declared = null)
    {
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declared ?? (ulong)header.Length);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }
}
