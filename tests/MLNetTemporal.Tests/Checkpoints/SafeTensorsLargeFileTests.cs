using MLNetTemporal.Tests.TestSupport;
using System.Buffers.Binary;
using System.Text;
using FluentAssertions;
using MLNetTemporal.Checkpoints;
using Xunit;

namespace MLNetTemporal.Tests.Checkpoints;

public class SafeTensorsLargeFileTests
{
    [Fact]
    public void TensorBeyondTwoGigabytesIsReadFromASparseFile()
    {
        using var dir = new TempFolder();
        var path = dir.File("sparse.safetensors");
        const long begin = (1L << 31) + 4096;
        var header = Encoding.UTF8.GetBytes($"{{\"far\":{{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[{begin},{begin + 16}]}}}}");
        var dataStart = 8 + header.Length;
        float[] values = [1.25f, -3f, 1e30f, float.Epsilon];
        using (var stream = new FileStream(path, FileMode.CreateNew))
        {
            // Sparse: only the header and the tensor's 16 bytes take disk space.
            stream.SetLength(2_200_000_000);
            var prefix = new byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
            stream.Write(prefix);
            stream.Write(header);
            stream.Position = dataStart + begin;
            foreach (var v in values)
            {
                var bytes = new byte[4];
                BinaryPrimitives.WriteSingleLittleEndian(bytes, v);
                stream.Write(bytes);
            }
        }

        using var file = SafeTensorsFile.Open(path);
        using var far = file.Read("far");

        file.Tensors["far"].Offset.Should().Be(dataStart + begin);
        far.data<float>().ToArray().Should().Equal(values);
    }
}
