using System.CommandLine;
using MLNetTemporal.Cli.Commands;

MLNetTemporal.Runtime.TorchNativeLoader.EnsureLoaded();

var root = new RootCommand("mlnet-temporal: temporal language-model methods on ML.NET and TorchSharp");
root.Subcommands.Add(DefaultCommand.Create());
root.Subcommands.Add(CorpusCommand.Create());
root.Subcommands.Add(PretrainCommand.Create());
root.Subcommands.Add(FinetuneCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
root.Subcommands.Add(TaskSpaceCommand.Create());
root.Subcommands.Add(MinimalPairsCommand.Create());
root.Subcommands.Add(TaskSpaceBenchCommand.Create());
return await root.Parse(args).InvokeAsync();
