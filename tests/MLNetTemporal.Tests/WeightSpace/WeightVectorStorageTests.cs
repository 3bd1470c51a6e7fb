using FluentAssertions;
using MLNetTemporal.Tests.TestSupport;
using MLNetTemporal.WeightSpace;
using Xunit;
using static MLNetTemporal.Tests.WeightSpace.WeightSpaceModels;

namespace MLNetTemporal.Tests.WeightSpace;

public sealed class WeightVectorStorageTests
{
    [Fact]
    public void A_saved_vector_loads_with_identical_tensors_and_its_metadata()
    {
        using var folder = new TempFolder();
        using var baseModel = Model(1);
        using var tuned = Model(2);
        using var tau = WeightVector.Difference(tuned, baseModel, new WeightVectorMetadata { Period = "2014", Rows = 120, Tokens = 3456 });
        tau.Save(folder.File("2014.safetensors"));
        using var loaded = WeightVector.Load(folder.File("2014.safetensors"));
        loaded.Metadata.Should().Be(tau.Metadata);
        loaded.Names.Should().BeEquivalentTo(tau.Names);
        foreach (var name in tau.Names) TensorAssert.Identical(loaded[name], tau[name]).Should().BeTrue(name);
        using var applied = ModelWeights.Apply(baseModel, loaded);
        SameWeights(applied, tuned).Should().BeTrue();
    }

    [Fact]
    public void A_checkpoint_that_is_not_a_vector_is_refused_by_name()
    {
        using var folder = new TempFolder();
        using var model = Model(1);
        model.Save(folder.File("model"));
        FluentActions.Invoking(() => WeightVector.Load(Path.Combine(folder.File("model"), "model.safetensors")))
            .Should().Throw<InvalidDataException>().WithMessage("*not a weight vector*");
    }
}
