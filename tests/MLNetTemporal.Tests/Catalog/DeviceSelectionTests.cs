using FluentAssertions;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.Tests.TestSupport;
using TorchSharp;
using MLNetTemporal.Pipeline;
using MLNetTemporal.TextFeatures;

namespace MLNetTemporal.Tests.Catalog;

/// <summary>On a machine without CUDA (the tests reference TorchSharp-cpu), asking for a GPU follows MLContext.FallbackToCpu.</summary>
public class DeviceSelectionTests
{
    private static TextScoringOptions OnCuda() => new() { ModelPath = CatalogData.ModelPath, Device = "cuda" };

    [FixtureFact(CatalogData.Fixture)]
    public void CudaWithoutFallbackIsAClearError()
    {
        if (torch.cuda.is_available()) return; // the premise (no GPU) does not hold here
        var mlContext = new MLContext { FallbackToCpu = false };
        var data = CatalogData.Load(mlContext);
        mlContext.Temporal().Invoking(c => c.ScoreText(OnCuda()).Fit(data)).Should().Throw<InvalidOperationException>()
            .WithMessage("*CUDA is not available*FallbackToCpu*");

        var withGpuId = new MLContext { GpuDeviceId = 0, FallbackToCpu = false };
        withGpuId.Temporal().Invoking(c => c.ScoreText(CatalogData.ModelPath).Fit(data)).Should().Throw<InvalidOperationException>()
            .WithMessage("*GpuDeviceId 0*");
    }

    [FixtureFact(CatalogData.Fixture)]
    public void CudaWithFallbackRunsOnTheCpu()
    {
        if (torch.cuda.is_available()) return;
        var mlContext = new MLContext { FallbackToCpu = true };
        var data = CatalogData.Load(mlContext);
        using var transformer = mlContext.Temporal().ScoreText(OnCuda()).Fit(data);

        transformer.Model.Device.type.Should().Be(DeviceType.CPU);
        using var model = CatalogData.LoadModel();
        transformer.Transform(data).GetColumn<float>("LogLikelihood")
            .Should().Equal(model.Score(CatalogData.Texts).Select(s => (float)s.MeanLogLikelihood));
    }
}
