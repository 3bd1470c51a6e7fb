
namespace MLNetTemporal.Studies.Pretraining;

/// <summary>What the built-in default model is made from.</summary>
public sealed record DefaultModelOptions
{
    /// <summary>"tiny" or "small" (see <see cref="ModelPreset"/>).</summary>
    public string Preset { get; init; } = "tiny";
    /// <summary>"gpt2" or "llama".</summary>
    public string Architecture { get; init; } = "gpt2";
    public int Seed { get; init; } = 42;
    /// <summary>Where results are kept between runs; null: the user cache (<see cref="Runtime.CacheFolders.Root"/>).</summary>
    public string? CacheFolder { get; init; }
    /// <summary>"auto", "cpu", "cuda", "cuda:N".</summary>
    public string Device { get; init; } = "auto";
    /// <summary>Rebuild even if a cached result exists.</summary>
    public bool Force { get; init; }
}
