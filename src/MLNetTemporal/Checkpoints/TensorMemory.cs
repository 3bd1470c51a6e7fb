using TorchSharp;
using static TorchSharp.torch;

namespace MLNetTemporal.Checkpoints;

/// <summary>Raw access to a CPU tensor's storage, which TorchSharp exposes only as an int-sized span.</summary>
internal static unsafe class TensorMemory
{
    /// <summary>
    /// Address of the first element of a contiguous CPU tensor; valid while the tensor lives. Taken from a
    /// one-element view because <see cref="Tensor.bytes"/> refuses tensors over 2 GB.
    /// </summary>
    public static byte* DataPointer(Tensor contiguousCpu)
    {
        if (contiguousCpu.device_type != DeviceType.CPU || !contiguousCpu.is_contiguous())
            throw new ArgumentException("tensor must be contiguous and on the CPU", nameof(contiguousCpu));
        if (contiguousCpu.NumberOfElements == 0) return null;
        using var flat = contiguousCpu.view(-1);
        using var first = flat.narrow(0, 0, 1);
        fixed (byte* p = first.bytes) return p;
    }

    /// <summary>Byte size of the tensor's elements.</summary>
    public static long ByteLength(Tensor t) => t.NumberOfElements * t.ElementSize;
}
