using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using static TorchSharp.torch;

namespace MLNetTemporal.WeightSpace;

/// <summary>
/// The arithmetic of every weight combination, over raw element ranges (tensor storage or memory-mapped files):
/// <c>sum_i c_i * x_i</c> in the accumulation type, one pass over the inputs with fused multiply-adds, or for an
/// interpolation (two coefficients summing to one) libtorch's lerp formula, which returns either end exactly. Each
/// element is computed the same way wherever it lies, so cutting a range into blocks, threads or streaming slices
/// never changes a bit of the result.
/// </summary>
internal sealed unsafe class CombinationKernel
{
    /// <summary>Elements per block: the unit of parallel work and of type conversion (a few hundred KB, so converted inputs stay in L2).</summary>
    internal const int BlockElements = 1 << 15;

    private readonly ScalarType[] _inputs;
    private readonly int[] _terms;
    private readonly float[] _single;
    private readonly double[] _double;
    private readonly ScalarType _output;
    private readonly bool _interpolation;

    public CombinationKernel(IReadOnlyList<ScalarType> inputs, IReadOnlyList<double> coefficients, ScalarType output)
    {
        if (inputs.Count == 0 || inputs.Count != coefficients.Count)
            throw new ArgumentException($"{inputs.Count} inputs but {coefficients.Count} coefficients", nameof(coefficients));
        foreach (var type in inputs.Append(output))
            if (!TensorCombination.IsFloating(type)) throw new ArgumentException($"weight arithmetic needs floating-point tensors, not {type}", nameof(inputs));
        _inputs = [.. inputs];
        _output = output;
        Accumulation = TensorCombination.AccumulationType([.. inputs, output]);
        _interpolation = inputs.Count == 2 && coefficients[0] + coefficients[1] == 1;
        // An interpolation reads both ends and takes the second one's weight; a sum reads the first input always (it
        // fixes the result's zeros and NaNs) and the others only with a non-zero coefficient.
        _terms = _interpolation ? [0, 1] : [.. Enumerable.Range(0, inputs.Count).Where(i => i == 0 || coefficients[i] != 0)];
        _double = _interpolation ? [coefficients[1]] : [.. _terms.Select(i => coefficients[i])];
        _single = [.. _double.Select(c => (float)c)];
    }

    public ScalarType Accumulation { get; }

    /// <summary>
    /// Combines <paramref name="count"/> elements: input i's first element is at <paramref name="inputs"/>[i], the
    /// output's at <paramref name="output"/>, each in its own dtype. The output may be one of the inputs. Blocks run on
    /// up to <paramref name="threads"/> threads. <paramref name="bypassCache"/> stores results past the caches, which
    /// pays for outputs much larger than the cache that are not read again soon (libc's memcpy does the same).
    /// </summary>
    public void Run(ReadOnlySpan<nint> inputs, nint output, long count, int threads, bool bypassCache = false)
    {
        if (inputs.Length != _inputs.Length) throw new ArgumentException($"{inputs.Length} input ranges for a kernel of {_inputs.Length} inputs", nameof(inputs));
        if (count <= 0) return;
        var sources = inputs.ToArray();
        long blocks = (count + BlockElements - 1) / BlockElements;
        if (threads <= 1 || blocks == 1)
        {
            using var scratch = new Scratch(this);
            for (long b = 0; b < blocks; b++) Block(sources, output, b, count, scratch, bypassCache);
            return;
        }
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads }, () => new Scratch(this),
            (b, _, scratch) =>
            {
                Block(sources, output, b, count, scratch, bypassCache);
                return scratch;
            },
            scratch => scratch.Dispose());
    }

    private void Block(nint[] inputs, nint output, long block, long count, Scratch scratch, bool bypassCache)
    {
        long start = block * BlockElements;
        int length = (int)Math.Min(BlockElements, count - start);
        if (Accumulation == ScalarType.Float32) Block<float>(inputs, output, start, length, scratch, _single, bypassCache);
        else Block<double>(inputs, output, start, length, scratch, _double, bypassCache);
    }

    private void Block<T>(nint[] inputs, nint output, long start, int length, Scratch scratch, T[] coefficients, bool bypassCache)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var terms = scratch.Terms;
        for (int k = 0; k < _terms.Length; k++)
        {
            int i = _terms[k];
            var source = (byte*)inputs[i] + start * ElementConversion.SizeOf(_inputs[i]);
            if (_inputs[i] == Accumulation)
            {
                terms[k] = (nint)source;
                continue;
            }
            terms[k] = (nint)scratch.Slot(k);
            if (typeof(T) == typeof(float)) ElementConversion.ToSingle(source, _inputs[i], (float*)terms[k], length);
            else ElementConversion.ToDouble(source, _inputs[i], (double*)terms[k], length);
        }
        var destination = (byte*)output + start * ElementConversion.SizeOf(_output);
        var target = _output == Accumulation ? (T*)destination : (T*)scratch.Slot(_terms.Length);
        // Non-temporal stores need aligned addresses; only the final output bypasses the cache, never a conversion buffer.
        bool stream = bypassCache && _output == Accumulation && ((nint)target & (Vector256<byte>.Count - 1)) == 0;
        if (_interpolation) Lerp((T*)terms[0], (T*)terms[1], target, length, coefficients[0], stream);
        else Sum(terms, coefficients, target, length, stream);
        if (stream && Sse.IsSupported) Sse.StoreFence();
        if (_output == Accumulation) return;
        if (typeof(T) == typeof(float)) ElementConversion.FromSingle((float*)target, destination, _output, length);
        else ElementConversion.FromDouble((double*)target, destination, _output, length);
    }

    // libtorch's lerp(start, end, weight): weight * (end - start) added to start for small weights, else
    // (weight - 1) * (end - start) added to end, one rounding each, so weight 0 gives start and 1 gives end exactly.
    private static void Lerp<T>(T* start, T* end, T* target, int length, T weight, bool stream) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool small = T.Abs(weight) < T.CreateChecked(0.5);
        var coefficient = small ? weight : weight - T.One;
        var origin = small ? start : end;
        var c = Vector256.Create(coefficient);
        int i = 0;
        for (; i + Vector256<T>.Count <= length; i += Vector256<T>.Count)
            Store(FusedMultiplyAdd(c, Vector256.Load(end + i) - Vector256.Load(start + i), Vector256.Load(origin + i)), target + i, stream);
        for (; i < length; i++) target[i] = T.FusedMultiplyAdd(coefficient, end[i] - start[i], origin[i]);
    }

    private static void Sum<T>(nint[] terms, T[] coefficients, T* target, int length, bool stream) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = coefficients.Length;
        var c = stackalloc Vector256<T>[n];
        for (int k = 0; k < n; k++) c[k] = Vector256.Create(coefficients[k]);
        int i = 0;
        for (; i + Vector256<T>.Count <= length; i += Vector256<T>.Count)
        {
            var sum = Vector256.Load((T*)terms[0] + i) * c[0];
            for (int k = 1; k < n; k++) sum = FusedMultiplyAdd(c[k], Vector256.Load((T*)terms[k] + i), sum);
            Store(sum, target + i, stream);
        }
        for (; i < length; i++)
        {
            var sum = ((T*)terms[0])[i] * coefficients[0];
            for (int k = 1; k < n; k++) sum = T.FusedMultiplyAdd(coefficients[k], ((T*)terms[k])[i], sum);
            target[i] = sum;
        }
    }

    private static void Store<T>(Vector256<T> value, T* target, bool stream) where T : unmanaged
    {
        if (stream) value.StoreAlignedNonTemporal(target);
        else value.Store(target);
    }

    private static Vector256<T> FusedMultiplyAdd<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c) where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float)
            ? Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>()
            : Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();

    /// <summary>One worker's term pointers and conversion buffers (allocated only for inputs or an output stored in another type).</summary>
    private sealed class Scratch : IDisposable
    {
        private readonly byte*[] _slots;

        public Scratch(CombinationKernel kernel)
        {
            Terms = new nint[kernel._terms.Length];
            _slots = new byte*[kernel._terms.Length + 1];
            var size = (nuint)(BlockElements * ElementConversion.SizeOf(kernel.Accumulation));
            for (int k = 0; k < kernel._terms.Length; k++)
                if (kernel._inputs[kernel._terms[k]] != kernel.Accumulation) _slots[k] = (byte*)NativeMemory.AlignedAlloc(size, 64);
            if (kernel._output != kernel.Accumulation) _slots[^1] = (byte*)NativeMemory.AlignedAlloc(size, 64);
        }

        public nint[] Terms { get; }

        public byte* Slot(int k) => _slots[k];

        public void Dispose()
        {
            for (int k = 0; k < _slots.Length; k++)
            {
                NativeMemory.AlignedFree(_slots[k]);
                _slots[k] = null;
            }
        }
    }
}
