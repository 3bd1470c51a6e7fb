using Microsoft.ML;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Tests.TestSupport;
using static TorchSharp.torch;

namespace MLNetTemporal.Tests.Catalog;

/// <summary>Texts and the fixture model the catalog tests share.</summary>
internal static class CatalogData
{
    public const string Fixture = "tiny-random-gpt2";

    public static string ModelPath => Fixtures.Path(Fixture);

    public static LanguageModel LoadModel() => LanguageModel.Load(ModelPath, CPU);

    // Lengths vary so batches are padded; one text is empty (a missing value).
    public static readonly string[] Texts =
    [
        "The president met the press on Monday.",
        "Stocks fell.",
        "",
        "A new law on taxes was signed after a long debate in parliament.",
        "Hello world",
        "Rain is expected in the north, with snow on the hills later in the week.",
        "It was the best of times, it was the worst of times.",
        "x",
        "The team won the cup for the third time in a row.",
        "Prices rose again in March.",
    ];

    public sealed class Row
    {
        public string Text { get; set; } = "";
        public float Label { get; set; }
    }

    public static IDataView Load(MLContext mlContext, IEnumerable<string>? texts = null) =>
        mlContext.Data.LoadFromEnumerable((texts ?? Texts).Select((t, i) => new Row { Text = t, Label = i * 0.5f }).ToList());
}
