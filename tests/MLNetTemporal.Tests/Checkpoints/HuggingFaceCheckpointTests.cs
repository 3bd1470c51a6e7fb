using MLNetTemporal.Tests.TestSupport;
using System.Text.Json;
using FluentAssertions;
using MLNetTemporal.Checkpoints;
using Xunit;
using static TorchSharp.torch;

namespace MLNetTemporal.Tests.Checkpoints;

public sealed class HuggingFaceCheckpointTests : IDisposable
{
    private readonly TempFolder _dir = new();

    // Six 400-byte tensors and a 1000-byte limit: shards of two, as huggingface_hub would split them.
    private readonly Dictionary<string, Tensor> _state = Enumerable.Range(0, 6)
        .ToDictionary(i => $"layer.{i}.weight", i => randn(10, 10));

    public void Dispose()
    {
        foreach (var t in _state.Values) t.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void SmallStateIsOneFileWithPyTorchFormatMetadata()
    {
        HuggingFaceCheckpoint.SaveStateDict(_dir.Path, _state);

        _dir.Entries.Should().Equal("model.safetensors");
        using var file = SafeTensorsFile.Open(_dir.File("model.safetensors"));
        file.Metadata.Should().Equal(new Dictionary<string, string> { ["format"] = "pt" });
        AssertSameTensors(HuggingFaceCheckpoint.LoadStateDict(_dir.Path));
    }

    [Fact]
    public void LargeStateIsShardedWithAnIndexAndLoadsBackIdentically()
    {
        HuggingFaceCheckpoint.SaveStateDict(_dir.Path, _state, maxShardBytes: 1000);

        _dir.Entries.Should().Equal(
            "model-00001-of-00003.safetensors", "model-00002-of-00003.safetensors", "model-00003-of-00003.safetensors",
            "model.safetensors.index.json");
        var index = File.ReadAllText(_dir.File("model.safetensors.index.json"));
        index.Should().StartWith("{\n  \"metadata\": {\n    \"total_size\": 2400\n  },\n  \"weight_map\": {\n    \"layer.0.weight\": \"model-00001-of-00003.safetensors\",\n");
        using var doc = JsonDocument.Parse(index);
        doc.RootElement.GetProperty("weight_map").GetProperty("layer.5.weight").GetString().Should().Be("model-00003-of-00003.safetensors");
        AssertSameTensors(HuggingFaceCheckpoint.LoadStateDict(_dir.Path));
    }

    [Fact]
    public void TensorLargerThanTheLimitGetsAShardOfItsOwn()
    {
        using var big = zeros(1000);
        using var small = zeros(10);
        HuggingFaceCheckpoint.SaveStateDict(_dir.Path, new Dictionary<string, Tensor> { ["a"] = small, ["big"] = big, ["c"] = small }, maxShardBytes: 100);

        using var doc = JsonDocument.Parse(File.ReadAllText(_dir.File("model.safetensors.index.json")));
        var map = doc.RootElement.GetProperty("weight_map");
        map.GetProperty("big").GetString().Should().Be("model-00001-of-00002.safetensors");
        map.GetProperty("a").GetString().Should().Be("model-00002-of-00002.safetensors");
        map.GetProperty("c").GetString().Should().Be("model-00002-of-00002.safetensors");
    }

    [Fact]
    public void SavingAgainReplacesWeightFilesOfTheEarlierLayout()
    {
        File.WriteAllText(_dir.File("config.json"), "{}");
        HuggingFaceCheckpoint.SaveStateDict(_dir.Path, _state, maxShardBytes: 1000);
        HuggingFaceCheckpoint.SaveStateDict(_dir.Path, _state);
        _dir.Entries.Should().Equal("config.json", "model.safetensors");

        HuggingFaceCheckpoint.SaveStateDict(_dir.Path, _state, maxShardBytes: 2000);
        _dir.Entries.Should().Equal("config.json", "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors", "model.safetensors.index.json");
    }

    [Fact]
    public void MissingShardIsNamed()
    {
        HuggingFaceCheckpoint.SaveStateDict(_dir.Path, _state, maxShardBytes: 1000);
        File.Delete(_dir.File("model-00002-of-00003.safetensors"));

        var act = () => HuggingFaceCheckpoint.LoadStateDict(_dir.Path);

        act.Should().Throw<FileNotFoundException>().WithMessage("*model.safetensors.index.json*model-00002-of-00003.safetensors*");
    }

    [Fact]
    public void IndexEntryAbsentFromItsShardIsNamed()
    {
        HuggingFaceCheckpoint.SaveStateDict(_dir.Path, _state, maxShardBytes: 1000);
        var indexPath = _dir.File("model.safetensors.index.json");
        File.WriteAllText(indexPath, File.ReadAllText(indexPath).Replace("\"layer.3.weight\"", "\"ghost.weight\""));

        var act = () => HuggingFaceCheckpoint.LoadStateDict(_dir.Path);

        act.Should().Throw<InvalidDataException>().WithMessage("*model-00002-of-00003.safetensors*'ghost.weight'*");
    }

    [Fact]
    public void ShardTensorMissingFromTheIndexIsNamed()
    {
        HuggingFaceCheckpoint.SaveStateDict(_dir.Path, _state, maxShardBytes: 1000);
        var indexPath = _dir.File("model.safetensors.index.json");
        var lines = File.ReadAllLines(indexPath).Where(l => !l.Contains("layer.4.weight")).ToArray();
        File.WriteAllLines(indexPath, lines);

        var act = () => HuggingFaceCheckpoint.LoadStateDict(_dir.Path);

        act.Should().Throw<InvalidDataException>().WithMessage("*model-00003-of-00003.safetensors*'layer.4.weight'*");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"metadata\":{}}")]
    [InlineData("{\"weight_map\":{\"w\":\"../elsewhere.safetensors\"}}")]
    public void MalformedIndexNamesTheIndex(string index)
    {
        File.WriteAllText(_dir.File("model.safetensors.index.json"), index);

        var act = () => HuggingFaceCheckpoint.LoadStateDict(_dir.Path);

        act.Should().Throw<InvalidDataException>().WithMessage("*model.safetensors.index.json*");
    }

    [Fact]
    public void FolderWithoutWeightsNamesTheFilesLookedFor()
    {
        var act = () => HuggingFaceCheckpoint.LoadStateDict(_dir.Path);

        act.Should().Throw<FileNotFoundException>()
            .WithMessage($"*{_dir.Path}*model.safetensors*model.safetensors.index.json*");
    }

    [Fact]
    public void LoadsOntoTheRequestedDevice()
    {
        HuggingFaceCheckpoint.SaveStateDict(_dir.Path, _state);

        var loaded = HuggingFaceCheckpoint.LoadStateDict(_dir.Path, CPU);

        loaded.Values.Should().OnlyContain(t => t.device_type == TorchSharp.DeviceType.CPU);
        AssertSameTensors(loaded);
    }

    private void AssertSameTensors(IReadOnlyDictionary<string, Tensor> loaded)
    {
        try
        {
            loaded.Keys.Should().BeEquivalentTo(_state.Keys);
            foreach (var (name, expected) in _state)
                loaded[name].data<float>().ToArray().Should().Equal(expected.data<float>().ToArray(), because: name);
        }
        finally
        {
            foreach (var t in loaded.Values) t.Dispose();
        }
    }
}
