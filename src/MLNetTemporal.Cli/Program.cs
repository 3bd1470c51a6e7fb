using System.CommandLine;
using MLNetTemporal.Cli.Commands;

MLNetTemporal.Runtime.TorchNativeLoader.EnsureLoaded();

var root = new RootCommand("mlnet-temporal: temporal language-model methods on ML.NET and TorchSharp");
root.Subcommands.Add(DefaultCommand.Create());
root.Subcommands.Add(CorpusCommand.Create());
root.Subcommands.Add(PretrainCommand.Create());
root.Subcommands.Add(FinetuneCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
root.Subcommands.Add(TimeStudyCommand.Create());
foreach (var command in WeightVectorCommands.Create()) root.Subcommands.Add(command);
root.Subcommands.Add(BenchInterpolateCommand.Create());
return await root.Parse(args).InvokeAsync();
