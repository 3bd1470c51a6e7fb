using System.CommandLine;
using MLNetTemporal.Studies.Pretraining;

namespace MLNetTemporal.Cli.Commands;

/// <summary>The main job: built-in corpus, pretrained preset model, held-out perplexity; cached.</summary>
internal static class DefaultCommand
{
    public static Command Create()
    {
        var preset = new Option<string>("--preset") { Description = "tiny or small", DefaultValueFactory = _ => "tiny" };
        var arch = new Option<string>("--architecture") { Description = "gpt2 or llama", DefaultValueFactory = _ => "gpt2" };
        var force = new Option<bool>("--force") { Description = "rebuild even when a cached result exists" };
        var cache = new Option<string?>("--cache") { Description = "cache folder (default: ~/.cache/mlnet-temporal/default)" };
        var seed = CommonOptions.Seed();
        var device = CommonOptions.Device();
        var command = new Command("default", "build the built-in corpus, pretrain the default model and report its held-out perplexity")
        {
            preset, arch, seed, device, force, cache,
        };
        command.SetAction((r, ct) =>
        {
            var progress = new ConsoleProgress();
            var report = DefaultModel.Build(new DefaultModelOptions
            {
                Preset = r.GetValue(preset)!, Architecture = r.GetValue(arch)!, Seed = r.GetValue(seed),
                Device = r.GetValue(device)!, Force = r.GetValue(force), CacheFolder = r.GetValue(cache),
            }, progress, progress, ct);
            Console.WriteLine($"model:                 {report.ModelFolder}");
            Console.WriteLine($"corpus:                {report.CorpusFile} ({report.TrainSentences:N0} training, {report.HeldOutSentences:N0} held-out sentences)");
            Console.WriteLine($"preset:                {report.Preset} ({report.Architecture}, {report.Parameters:N0} parameters, vocabulary {report.VocabSize})");
            Console.WriteLine($"training:              {report.Steps} steps, {report.TrainTokens:N0} tokens per epoch, {report.TrainSeconds:F0} s, {report.TokensPerSecond:N0} tokens/s on {report.Device}{(report.FromCache ? " (cached)" : "")}");
            Console.WriteLine($"held-out perplexity:   {report.HeldOutPerplexity:F2} (untrained: {report.InitialPerplexity:F1})");
            return Task.FromResult(0);
        });
        return command;
    }
}
