using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using static TorchSharp.torch;

namespace MLNetTemporal.WeightSpace;

/// <summary>
/// Conversions of raw element ranges between the stored floating-point types and the accumulation types (float32,
/// float64), rounding as libtorch's <c>to(dtype)</c> does: to nearest even, half and bfloat16 from float64 through
/// float32. Every element converts the same way whatever its position, so slicing a tensor never changes a bit.
/// </summary>
internal static unsafe class ElementConversion
{
    // Float64 to or from the 16-bit types goes through float32 in pieces of this many elements on the stack.
    private const int Staging = 512;

    /// <summary>Bytes per element of a floating-point type.</summary>
    public static int SizeOf(ScalarType type) => type switch
    {
        ScalarType.Float16 or ScalarType.BFloat16 => 2,
        ScalarType.Float32 => 4,
        ScalarType.Float64 => 8,
        _ => throw new ArgumentException($"{type} is not a floating-point type", nameof(type)),
    };

    /// <summary><paramref name="count"/> elements of <paramref name="type"/> at <paramref name="source"/> as float32.</summary>
    public static void ToSingle(byte* source, ScalarType type, float* target, int count)
    {
        switch (type)
        {
            case ScalarType.Float32:
                Buffer.MemoryCopy(source, target, (long)count * 4, (long)count * 4);
                break;
            case ScalarType.Float16:
                TensorPrimitives.ConvertToSingle(new ReadOnlySpan<Half>(source, count), new Span<float>(target, count));
                break;
            case ScalarType.BFloat16:
                BFloat16ToSingle((ushort*)source, target, count);
                break;
            default:
                throw new ArgumentException($"cannot accumulate {type} in float32", nameof(type));
        }
    }

    /// <summary><paramref name="count"/> elements of <paramref name="type"/> at <paramref name="source"/> as float64.</summary>
    public static void ToDouble(byte* source, ScalarType type, double* target, int count)
    {
        switch (type)
        {
            case ScalarType.Float64:
                Buffer.MemoryCopy(source, target, (long)count * 8, (long)count * 8);
                break;
            case ScalarType.Float32:
                SingleToDouble((float*)source, target, count);
                break;
            default:
                float* staged = stackalloc float[Staging];
                int size = type == ScalarType.Float16 || type == ScalarType.BFloat16 ? 2 : throw new ArgumentException($"cannot accumulate {type} in float64", nameof(type));
                for (int done = 0; done < count; done += Staging)
                {
                    int n = Math.Min(Staging, count - done);
                    ToSingle(source + (long)done * size, type, staged, n);
                    SingleToDouble(staged, target + done, n);
                }
                break;
        }
    }

    /// <summary>Stores <paramref name="count"/> float32 values as <paramref name="type"/>.</summary>
    public static void FromSingle(float* source, byte* target, ScalarType type, int count)
    {
        switch (type)
        {
            case ScalarType.Float32:
                Buffer.MemoryCopy(source, target, (long)count * 4, (long)count * 4);
                break;
            case ScalarType.Float16:
                TensorPrimitives.ConvertToHalf(new ReadOnlySpan<float>(source, count), new Span<Half>(target, count));
                break;
            case ScalarType.BFloat16:
                SingleToBFloat16(source, (ushort*)target, count);
                break;
            default:
                throw new ArgumentException($"cannot store float32 values as {type}", nameof(type));
        }
    }

    /// <summary>Stores <paramref name="count"/> float64 values as <paramref name="type"/>.</summary>
    public static void FromDouble(double* source, byte* target, ScalarType type, int count)
    {
        switch (type)
        {
            case ScalarType.Float64:
                Buffer.MemoryCopy(source, target, (long)count * 8, (long)count * 8);
                break;
            case ScalarType.Float32:
                DoubleToSingle(source, (float*)target, count);
                break;
            default:
                float* staged = stackalloc float[Staging];
                int size = type == ScalarType.Float16 || type == ScalarType.BFloat16 ? 2 : throw new ArgumentException($"cannot store float64 values as {type}", nameof(type));
                for (int done = 0; done < count; done += Staging)
                {
                    int n = Math.Min(Staging, count - done);
                    DoubleToSingle(source + done, staged, n);
                    FromSingle(staged, target + (long)done * size, type, n);
                }
                break;
        }
    }

    private static void SingleToDouble(float* source, double* target, int count)
    {
        int i = 0;
        for (; i + Vector256<float>.Count <= count; i += Vector256<float>.Count)
        {
            var (lower, upper) = Vector256.Widen(Vector256.Load(source + i));
            lower.Store(target + i);
            upper.Store(target + i + Vector256<double>.Count);
        }
        for (; i < count; i++) target[i] = source[i];
    }

    private static void DoubleToSingle(double* source, float* target, int count)
    {
        int i = 0;
        for (; i + Vector256<float>.Count <= count; i += Vector256<float>.Count)
            Vector256.Narrow(Vector256.Load(source + i), Vector256.Load(source + i + Vector256<double>.Count)).Store(target + i);
        for (; i < count; i++) target[i] = (float)source[i];
    }

    // bfloat16 is the upper half of a float32.
    private static void BFloat16ToSingle(ushort* source, float* target, int count)
    {
        int i = 0;
        for (; i + Vector256<ushort>.Count <= count; i += Vector256<ushort>.Count)
        {
            var (lower, upper) = Vector256.Widen(Vector256.Load(source + i));
            Vector256.ShiftLeft(lower, 16).AsSingle().Store(target + i);
            Vector256.ShiftLeft(upper, 16).AsSingle().Store(target + i + Vector256<float>.Count);
        }
        for (; i < count; i++) target[i] = BitConverter.UInt32BitsToSingle((uint)source[i] << 16);
    }

    // c10::BFloat16's round_to_nearest_even: NaN becomes the canonical quiet NaN, everything else rounds to nearest even.
    private static void SingleToBFloat16(float* source, ushort* target, int count)
    {
        int i = 0;
        var one = Vector256.Create(1u);
        var bias = Vector256.Create(0x7FFFu);
        var nan = Vector256.Create(0x7FC0u);
        for (; i + Vector256<ushort>.Count <= count; i += Vector256<ushort>.Count)
            Vector256.Narrow(Round(Vector256.Load(source + i)), Round(Vector256.Load(source + i + Vector256<float>.Count))).Store(target + i);
        for (; i < count; i++)
        {
            uint bits = BitConverter.SingleToUInt32Bits(source[i]);
            target[i] = float.IsNaN(source[i]) ? (ushort)0x7FC0 : (ushort)((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16);
        }

        Vector256<uint> Round(Vector256<float> values)
        {
            var bits = values.AsUInt32();
            var rounded = Vector256.ShiftRightLogical(bits + bias + (Vector256.ShiftRightLogical(bits, 16) & one), 16);
            return Vector256.ConditionalSelect(Vector256.Equals(values, values).AsUInt32(), rounded, nan);
        }
    }
}
