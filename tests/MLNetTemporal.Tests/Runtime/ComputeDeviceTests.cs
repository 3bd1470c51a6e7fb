using FluentAssertions;
using Microsoft.ML;
using MLNetTemporal.Runtime;
using Xunit;
using static TorchSharp.torch;

namespace MLNetTemporal.Tests.Runtime;

public class ComputeDeviceTests
{
    [Fact]
    public void AutoPicksCudaOnlyWhereAvailable() =>
        ComputeDevice.Resolve().type.Should().Be(cuda.is_available() ? TorchSharp.DeviceType.CUDA : TorchSharp.DeviceType.CPU);

    [Fact]
    public void MissingGpuIsAnErrorUnlessFallbackIsAllowed()
    {
        if (cuda.is_available()) return; // the error case needs a machine without CUDA
        var strict = () => ComputeDevice.Resolve("cuda:0");
        strict.Should().Throw<InvalidOperationException>().WithMessage("*GPU 0*FallbackToCpu*");
        var viaContext = () => ComputeDevice.Resolve(null, new MLContext { GpuDeviceId = 1, FallbackToCpu = false });
        viaContext.Should().Throw<InvalidOperationException>().WithMessage("*GpuDeviceId 1*");
        ComputeDevice.Resolve(null, new MLContext { GpuDeviceId = 1, FallbackToCpu = true }).type.Should().Be(TorchSharp.DeviceType.CPU);
        ComputeDevice.Resolve("cuda", fallbackToCpu: true).type.Should().Be(TorchSharp.DeviceType.CPU);
    }

    [Fact]
    public void ExplicitCpuWinsAndNonsenseIsRejected()
    {
        ComputeDevice.Resolve("cpu", new MLContext { GpuDeviceId = 0 }).type.Should().Be(TorchSharp.DeviceType.CPU);
        var act = () => ComputeDevice.Resolve("tpu");
        act.Should().Throw<ArgumentException>().WithMessage("*tpu*");
    }
}
