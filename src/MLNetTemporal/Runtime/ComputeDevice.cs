using Microsoft.ML;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetTemporal.Runtime;

/// <summary>
/// Chooses where tensors live. Auto picks CUDA when <c>torch.cuda.is_available()</c>, else the CPU. An explicit
/// request ("cpu", "cuda", "cuda:1") or <see cref="MLContext.GpuDeviceId"/> overrides it; a GPU that is asked for
/// but missing is an error unless <see cref="MLContext.FallbackToCpu"/> (or the fallback argument) allows the CPU.
/// </summary>
public static class ComputeDevice
{
    /// <param name="requested">"auto" (or null), "cpu", "cuda" or "cuda:N".</param>
    /// <param name="context">Its GpuDeviceId and FallbackToCpu apply when <paramref name="requested"/> is auto.</param>
    /// <param name="fallbackToCpu">Allow the CPU when the requested GPU is missing (besides MLContext.FallbackToCpu).</param>
    public static Device Resolve(string? requested = null, MLContext? context = null, bool fallbackToCpu = false)
    {
        TorchNativeLoader.EnsureLoaded();
        var text = string.IsNullOrWhiteSpace(requested) ? "auto" : requested.Trim().ToLowerInvariant();
        bool fallback = fallbackToCpu || (context?.FallbackToCpu ?? false);
        int? gpu = text switch
        {
            "auto" => context?.GpuDeviceId,
            "cpu" => null,
            "cuda" or "gpu" => context?.GpuDeviceId ?? 0,
            _ when text.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(5), out var n) && n >= 0 => n,
            _ => throw new ArgumentException($"Device '{requested}' is not understood: use auto, cpu, cuda or cuda:N", nameof(requested)),
        };
        bool available = cuda.is_available();
        if (text == "cpu") return CPU;
        if (gpu is null) return available ? new Device(DeviceType.CUDA, 0) : CPU;
        if (available && gpu.Value < cuda.device_count()) return new Device(DeviceType.CUDA, gpu.Value);
        if (fallback) return CPU;
        var why = available ? $"only {cuda.device_count()} CUDA device(s) exist" : "CUDA is not available (no GPU, or no CUDA TorchSharp package such as TorchSharp-cuda-linux)";
        throw new InvalidOperationException(
            $"GPU {gpu.Value} was requested (Device option '{requested ?? "auto"}', MLContext.GpuDeviceId {context?.GpuDeviceId?.ToString() ?? "null"}) but {why}. " +
            "Set MLContext.FallbackToCpu = true or ask for the cpu device.");
    }
}
