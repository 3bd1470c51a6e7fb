using System.CommandLine;
using MLNetTemporal.Data;
using MLNetTemporal.Runtime;
using MLNetTemporal.TimeVectors;
using MLNetTemporal.Studies.Corpus;

namespace MLNetTemporal.Cli.Commands;

/// <summary>Options that several verbs share, defined once.</summary>
internal static class CommonOptions
{
    public static Option<string> Device() => new("--device") { Description = "auto, cpu, cuda or cuda:N", DefaultValueFactory = _ => "auto" };
    public static Option<int> Seed() => new("--seed") { Description = "seed for every random choice", DefaultValueFactory = _ => 42 };
    public static Option<string> Data() => new("--data") { Description = "TSV file with a header, a date column and a text column", Required = true };
    public static Option<string> Out(string what) => new("--out") { Description = what, Required = true };

    /// <summary>An output folder, refused at parse time (before hours of work) when it holds files the tool did not write.</summary>
    public static Option<string> OutFolder(string what) => RefuseForeignFolder(Out(what));

    public static Option<T> RefuseForeignFolder<T>(Option<T> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T>() is not string folder) return;
            try
            {
                PendingDirectory.EnsureReplaceable(Path.GetFullPath(folder));
            }
            catch (IOException e)
            {
                result.AddError($"--out: {e.Message}");
            }
        });
        return option;
    }
    public static Option<string> Model() => new("--model") { Description = "Hugging Face model folder (config.json, model.safetensors, tokenizer files)", Required = true };
    public static Option<string?> Period() => ValidPeriod(new Option<string?>("--period") { Description = "keep rows whose date starts with this (2015, 2015-03)" });

    /// <summary>A period option refused at parse time, naming the option, when its value is not YYYY, YYYY-MM or YYYY-MM-DD.</summary>
    public static Option<T> ValidPeriod<T>(Option<T> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T>() is string text && !MLNetTemporal.Data.Period.TryParse(text, out _))
                result.AddError($"{option.Name}: '{text}' is not a period: expected YYYY, YYYY-MM or YYYY-MM-DD");
        });
        return option;
    }

    /// <summary>A range or list of periods (2012..2016, 2015-01..2015-12, 2012,2014) refused at parse time when malformed.</summary>
    public static Option<string> ValidPeriods(Option<string> option)
    {
        option.Validators.Add(result =>
        {
            try
            {
                PeriodTexts.ParseRange(result.GetValueOrDefault<string>() ?? "");
            }
            catch (FormatException e)
            {
                result.AddError($"{option.Name}: {e.Message}");
            }
        });
        return option;
    }
    public static Option<string> DateColumn() => new("--date-column") { Description = "name of the date column (YYYY, YYYY-MM or ISO dates)", DefaultValueFactory = _ => "Date" };
    public static Option<string> TextColumn() => new("--text-column") { Description = "name of the text column", DefaultValueFactory = _ => "Text" };

    /// <summary>Reads the TSV, keeping rows of the period when one is given; an empty selection is an error.</summary>
    public static IReadOnlyList<DatedText> ReadRows(string path, string dateColumn, string textColumn, string? period)
    {
        var rows = DatedTextTsv.Read(path, new DatedTextTsvOptions { DateColumn = dateColumn, TextColumn = textColumn });
        if (period is null) return rows;
        var selected = PeriodFilter.Select(rows, MLNetTemporal.Data.Period.Parse(period)).ToList();
        if (selected.Count == 0) throw new InvalidDataException($"{path}: no row's {dateColumn} starts with '{period}'");
        return selected;
    }
}
