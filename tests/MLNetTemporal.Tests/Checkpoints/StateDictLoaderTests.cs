using FluentAssertions;
using MLNetTemporal.Checkpoints;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace MLNetTemporal.Tests.Checkpoints;

public class StateDictLoaderTests
{
    private sealed class TinyModel : nn.Module<Tensor, Tensor>
    {
        public readonly Embedding wte = nn.Embedding(10, 4);
        public readonly Linear mlp = nn.Linear(4, 3);
        public readonly LayerNorm ln = nn.LayerNorm(3);
        public readonly Linear lm_head = nn.Linear(3, 10, hasBias: false);

        public TinyModel() : base(nameof(TinyModel))
        {
            RegisterComponents();
            register_buffer("position_ids", arange(5, dtype: ScalarType.Int64), persistent: true);
            register_buffer("mask", ones(5), persistent: false);
        }

        public override Tensor forward(Tensor input) => lm_head.forward(ln.forward(mlp.forward(wte.forward(input))));
    }

    private static readonly string[] Keys =
        ["wte.weight", "mlp.weight", "mlp.bias", "ln.weight", "ln.bias", "lm_head.weight", "position_ids"];

    [Fact]
    public void NamedTensorsListsParametersThenPersistentBuffers()
    {
        using var model = new TinyModel();

        model.NamedTensors().Keys.Should().Equal(Keys);
        model.NamedTensors(exclude: ["lm_head.weight"]).Keys.Should().NotContain("lm_head.weight").And.HaveCount(Keys.Length - 1);
    }

    [Fact]
    public void CopiesEveryTensorConvertingDtype()
    {
        using var model = new TinyModel();
        var state = Donor(ScalarType.Float16);

        StateDictLoader.Load(model, state);

        foreach (var (name, target) in model.NamedTensors())
        {
            using var expected = state[name].to(target.dtype);
            target.dtype.Should().Be(name == "position_ids" ? ScalarType.Int64 : ScalarType.Float32);
            target.bytes.ToArray().Should().Equal(expected.bytes.ToArray(), because: name);
        }
        model.mlp.weight!.requires_grad.Should().BeTrue();
    }

    [Fact]
    public void WrongShapeNamesTensorAndBothShapesAndCopiesNothing()
    {
        using var model = new TinyModel();
        var before = Snapshot(model);
        var state = Donor();
        state["mlp.weight"] = zeros(3, 5);

        var act = () => StateDictLoader.Load(model, state);

        act.Should().Throw<InvalidDataException>().WithMessage("*'mlp.weight'*[3, 5]*[3, 4]*");
        Snapshot(model).Should().BeEquivalentTo(before);
    }

    [Fact]
    public void MissingTensorIsNamed()
    {
        using var model = new TinyModel();
        var state = Donor();
        state.Remove("ln.bias");

        var act = () => StateDictLoader.Load(model, state);

        act.Should().Throw<InvalidDataException>().WithMessage("*missing*'ln.bias'*");
    }

    [Fact]
    public void UnexpectedTensorsAreNamedUpToFive()
    {
        using var model = new TinyModel();
        var state = Donor();
        for (var i = 0; i < 7; i++) state[$"extra.{i}"] = zeros(1);

        var act = () => StateDictLoader.Load(model, state);

        act.Should().Throw<InvalidDataException>().WithMessage("*not in the module*'extra.0'*'extra.4'*and 2 more*")
            .Which.Message.Should().NotContain("extra.5");
    }

    [Fact]
    public void OptionalKeysMayBeAbsentOnEitherSide()
    {
        using var model = new TinyModel();
        var before = Snapshot(model);
        var state = Donor();
        state.Remove("lm_head.weight");
        state["h.0.attn.bias"] = ones(1, 1, 4, 4);

        StateDictLoader.Load(model, state, optionalKeys: ["lm_head.weight", "h.0.attn.bias"]);

        Snapshot(model)["lm_head.weight"].Should().Equal(before["lm_head.weight"]);
        Snapshot(model)["mlp.weight"].Should().NotEqual(before["mlp.weight"]);
    }

    [Fact]
    public void IntegerTensorForAFloatParameterIsRejected()
    {
        using var model = new TinyModel();
        var state = Donor();
        state["ln.weight"] = ones(new long[] { 3 }, ScalarType.Int32);

        var act = () => StateDictLoader.Load(model, state);

        act.Should().Throw<InvalidDataException>().WithMessage("*'ln.weight'*Int32*Float32*");
    }

    /// <summary>A state dict for <see cref="TinyModel"/> whose values differ from a fresh model's.</summary>
    private static Dictionary<string, Tensor> Donor(ScalarType floatType = ScalarType.Float32)
    {
        using var donor = new TinyModel();
        return donor.NamedTensors().ToDictionary(
            p => p.Key,
            p => p.Value.is_floating_point() ? (p.Value.detach() + 1).to(floatType) : p.Value.detach() * 3);
    }

    private static Dictionary<string, byte[]> Snapshot(TinyModel model) =>
        model.NamedTensors().ToDictionary(p => p.Key, p => p.Value.bytes.ToArray());
}
