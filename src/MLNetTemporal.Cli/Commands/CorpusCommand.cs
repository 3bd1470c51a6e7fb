using System.CommandLine;
using MLNetTemporal.Data;
using MLNetTemporal.Studies.Corpus;

namespace MLNetTemporal.Cli.Commands;

internal static class CorpusCommand
{
    public static Command Create()
    {
        var output = CommonOptions.Out("TSV file to write (Date, Text)");
        var seed = CommonOptions.Seed();
        var perMonth = new Option<int>("--sentences-per-month") { DefaultValueFactory = _ => new TemporalCorpusOptions().SentencesPerMonth };
        var command = new Command("corpus", "write the built-in dated corpus as TSV with Date and Text columns") { output, seed, perMonth };
        command.SetAction(r =>
        {
            var options = new TemporalCorpusOptions { Seed = r.GetValue(seed), SentencesPerMonth = r.GetValue(perMonth) };
            var rows = new TemporalCorpusGenerator(options).Generate().ToList();
            DatedTextTsv.Write(r.GetValue(output)!, rows);
            Console.WriteLine($"wrote {rows.Count:N0} rows ({options.StartYear}-01 to {options.EndYear}-12) to {r.GetValue(output)}");
        });
        return command;
    }
}
