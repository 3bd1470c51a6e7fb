using static TorchSharp.torch;

namespace MLNetTemporal.Checkpoints;

/// <summary>
/// One tensor's entry in a safetensors header. <see cref="Offset"/> is the absolute position of its first byte in
/// the file (header included), not the header's data-relative offset; <see cref="Length"/> is its size in bytes.
/// </summary>
public sealed record SafeTensorInfo(string Name, ScalarType DType, long[] Shape, long Offset, long Length);
