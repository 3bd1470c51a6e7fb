using FluentAssertions;
using MLNetTemporal.WeightSpace;
using Xunit;
using static MLNetTemporal.Tests.WeightSpace.WeightSpaceModels;

namespace MLNetTemporal.Tests.WeightSpace;

public sealed class WeightVectorArithmeticTests
{
    [Fact]
    public void Applying_a_time_vector_with_0_gives_the_base_and_with_1_the_fine_tuned_model_exactly()
    {
        using var baseModel = Model(1);
        using var tuned = Model(2);
        using var tau = WeightVector.Difference(tuned, baseModel);
        using var zero = ModelWeights.Apply(baseModel, tau, 0);
        using var one = ModelWeights.Apply(baseModel, tau, 1);
        SameWeights(zero, baseModel).Should().BeTrue();
        SameWeights(one, tuned).Should().BeTrue();
        tau.Metadata.BaseHash.Should().Be(ModelWeights.Hash(baseModel));
    }

    [Fact]
    public void Interpolation_endpoints_are_the_two_models_and_the_midpoint_is_their_mean()
    {
        using var baseModel = Model(1);
        using var a = Model(2);
        using var b = Model(3);
        using var tauA = WeightVector.Difference(a, baseModel);
        using var tauB = WeightVector.Difference(b, baseModel);
        using var atOne = ModelWeights.Apply(baseModel, [tauA, tauB], [1, 0]);
        using var atZero = ModelWeights.Apply(baseModel, [tauA, tauB], [0, 1]);
        SameWeights(atOne, a).Should().BeTrue();
        SameWeights(atZero, b).Should().BeTrue();

        using var half = WeightVector.Interpolate(tauA, tauB, 0.5);
        using var mid = ModelWeights.Apply(baseModel, half);
        var name = "transformer.h.0.mlp.c_fc.weight";
        var expected = (ModelWeights.Of(a)[name].to(TorchSharp.torch.ScalarType.Float64) + ModelWeights.Of(b)[name].to(TorchSharp.torch.ScalarType.Float64)) / 2;
        Values(ModelWeights.Of(mid)[name]).Should().Equal(Values(expected), (x, y) => Math.Abs(x - y) < 1e-6);
    }

    [Fact]
    public void Analogy_soup_and_operators_follow_their_formulas_elementwise()
    {
        using var task = Vector(("w", [1f, -2f, 3f]), ("b", [0.5f]));
        using var lmJ = Vector(("w", [4f, 0f, -1f]), ("b", [2f]));
        using var lmI = Vector(("w", [-1f, 1f, 1f]), ("b", [-3f]));
        using var analogy = WeightVector.Analogy(task, lmJ, lmI, 1.2, 0.3, 0.5);
        Values(analogy["w"]).Should().Equal([1.2f * 1 + 0.3f * 4 + 0.5f, 1.2f * -2 - 0.5f, 1.2f * 3 - 0.3f - 0.5f], (x, y) => Math.Abs(x - y) < 1e-6);
        Values(analogy["b"]).Should().Equal([1.2f * 0.5f + 0.3f * 2 + 0.5f * 3], (x, y) => Math.Abs(x - y) < 1e-6);

        using var soup = WeightVector.UniformSoup([task, lmJ, lmI]);
        Values(soup["w"]).Should().Equal([4f / 3, -1f / 3, 1f], (x, y) => Math.Abs(x - y) < 1e-6);
        using var difference = task.Subtract(lmJ);
        Values(difference["b"]).Should().Equal([-1.5f]);
        using var negated = task.Negate();
        Values(negated["w"]).Should().Equal([-1f, 2f, -3f]);
        analogy.Metadata.Coefficients.Should().Be("1.2*v0 + 0.3*v1 + -0.5*v2");
    }

    [Fact]
    public void Cosine_and_distance_equal_a_hand_computation_over_the_flattened_tensors()
    {
        using var a = Vector(("transformer.wte.weight", [1f, 2f]), ("transformer.h.0.mlp.c_fc.weight", [3f, 0f, -1f]));
        using var b = Vector(("transformer.wte.weight", [0f, 1f]), ("transformer.h.0.mlp.c_fc.weight", [2f, 2f, 1f]));
        double dot = 0 + 2 + 6 + 0 - 1, na = Math.Sqrt(1 + 4 + 9 + 0 + 1), nb = Math.Sqrt(0 + 1 + 4 + 4 + 1);
        WeightVector.Cosine(a, b).Should().BeApproximately(dot / (na * nb), 1e-12);
        WeightVector.SquaredDistance(a, b).Should().BeApproximately(1 + 1 + 1 + 4 + 4, 1e-12);
        using var negated = a.Negate();
        WeightVector.Cosine(a, a).Should().BeApproximately(1, 1e-12);
        WeightVector.Cosine(a, negated).Should().BeApproximately(-1, 1e-12);
        using var zero = a.Scale(0);
        double.IsNaN(WeightVector.Cosine(a, zero)).Should().BeTrue("the angle to a zero vector is undefined");

        var bySubset = WeightVector.Similarities(a, b).ToDictionary(s => s.Subset);
        bySubset["embeddings"].Cosine.Should().BeApproximately(2 / (Math.Sqrt(5) * 1), 1e-12);
        bySubset["mlp"].Cosine.Should().BeApproximately(5 / (Math.Sqrt(10) * 3), 1e-12);
        bySubset["layer0"].SquaredDistance.Should().BeApproximately(9, 1e-12);
    }

    [Fact]
    public void A_tied_embedding_is_counted_once()
    {
        using var baseModel = Model(1);
        using var tuned = Model(2);
        using var tau = WeightVector.Difference(tuned, baseModel);
        tau.Names.Should().NotContain("lm_head.weight").And.Contain("transformer.wte.weight");
        tau.ElementCount.Should().Be(baseModel.Module.parameters().Sum(p => p.NumberOfElements));
        double byHand = ModelWeights.Of(tuned).Sum(p => (p.Value.to(TorchSharp.torch.ScalarType.Float64) - ModelWeights.Of(baseModel)[p.Key].to(TorchSharp.torch.ScalarType.Float64)).square().sum().item<double>());
        tau.Norm().Should().BeApproximately(Math.Sqrt(byHand), 1e-9);
    }

    [Fact]
    public void Mismatched_vectors_are_errors_that_name_the_tensor_or_the_bases()
    {
        using var a = Vector(("w", [1f, 2f]), ("b", [1f]));
        using var shape = Vector(("w", [1f, 2f, 3f]), ("b", [1f]));
        using var missing = Vector(("w", [1f, 2f]));
        FluentActions.Invoking(() => a.Add(shape)).Should().Throw<ArgumentException>().WithMessage("*'w'*[2]*[3]*");
        FluentActions.Invoking(() => a.Add(missing)).Should().Throw<ArgumentException>().WithMessage("*'b'*not in vector 1*");
        using var fromOne = a.WithMetadata(new WeightVectorMetadata { BaseHash = "aaaa" });
        using var fromTwo = a.WithMetadata(new WeightVectorMetadata { BaseHash = "bbbb" });
        FluentActions.Invoking(() => fromOne.Add(fromTwo)).Should().Throw<ArgumentException>().WithMessage("*different base models*aaaa*bbbb*");
        FluentActions.Invoking(() => Vector(("w", [1f, float.NaN]))).Should().Throw<InvalidDataException>().WithMessage("*'w'*NaN*");

        using var baseModel = Model(1);
        using var other = Model(2);
        using var tau = WeightVector.Difference(other, baseModel);
        FluentActions.Invoking(() => ModelWeights.Apply(other, tau)).Should().Throw<ArgumentException>().WithMessage("*hash*");
        FluentActions.Invoking(() => ModelWeights.Apply(baseModel, a)).Should().Throw<ArgumentException>().WithMessage("*'w'*not in the base model*");
    }
}
