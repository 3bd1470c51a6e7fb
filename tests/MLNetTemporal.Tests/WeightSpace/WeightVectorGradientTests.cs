using FluentAssertions;
using MLNetTemporal.WeightSpace;
using Xunit;
using static MLNetTemporal.Tests.WeightSpace.WeightSpaceModels;
using static TorchSharp.torch;

namespace MLNetTemporal.Tests.WeightSpace;

public sealed class WeightVectorGradientTests
{
    [Fact]
    public void The_gradient_copies_the_trainable_parameters_gradients_in_model_order_with_zeros_where_there_is_none()
    {
        using var model = Model(1);
        var named = model.Module.named_parameters().ToList();
        named[1].parameter.requires_grad = false;
        var untouched = named[2].name;
        // d/dp sum(p^2) = 2p for every parameter in the loss; the third gets no gradient at all.
        var loss = named.Where((_, i) => i != 2).Select(p => p.parameter.square().sum()).Aggregate((x, y) => x + y);
        loss.backward();

        using var gradient = WeightVector.Gradient(model);
        foreach (var p in model.Module.parameters()) p.grad?.zero_();

        gradient.Names.Should().Equal(named.Where((_, i) => i != 1).Select(p => p.name));
        gradient[untouched].count_nonzero().item<long>().Should().Be(0);
        foreach (var (name, p) in named.Where((_, i) => i is not 1 and not 2))
        {
            gradient[name].dtype.Should().Be(ScalarType.Float32);
            gradient[name].allclose(p.detach() * 2).Should().BeTrue($"'{name}' holds 2p, copied before the model's gradients were zeroed");
        }
    }
}
