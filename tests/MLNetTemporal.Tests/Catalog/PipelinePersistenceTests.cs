using System.IO.Compression;
using FluentAssertions;
using Microsoft.ML;
using MLNetTemporal.Catalog;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Tests.Host;
using MLNetTemporal.Tests.TestSupport;
using MLNetTemporal.Pipeline;
using MLNetTemporal.TextFeatures;

namespace MLNetTemporal.Tests.Catalog;

/// <summary>Pipelines mixing our transformers with ML.NET's, saved to one zip and loaded here and in a new process.</summary>
public class PipelinePersistenceTests
{
    /// <summary>ours -> ML.NET -> ours (same model) -> ML.NET transforms -> ML.NET trainer.</summary>
    private static (ITransformer Model, IDataView Data) FitMixedPipeline(MLContext mlContext, LanguageModel model)
    {
        var data = CatalogData.Load(mlContext);
        var pipeline = mlContext.Temporal().ScoreText(model)
            .Append(mlContext.Transforms.Concatenate("ScoreFeatures", "LogLikelihood", "Perplexity"))
            .Append(mlContext.Temporal().EmbedText(new TextEmbeddingOptions { Model = model, Layer = 2, Pooling = Pooling.Mean, BatchSize = 3 }))
            .Append(mlContext.Transforms.Concatenate("Features", "Embedding"))
            .Append(mlContext.Transforms.NormalizeMinMax("Features"))
            .Append(mlContext.Regression.Trainers.Sdca("Label", "Features", maximumNumberOfIterations: 20));
        return (pipeline.Fit(data), data);
    }

    private static (ITransformer Fitted, IDataView Data, string Zip) FitAndSave(MLContext mlContext, LanguageModel model, TempFolder temp)
    {
        var (fitted, data) = FitMixedPipeline(mlContext, model);
        var zip = Path.Combine(temp.Path, "pipeline.zip");
        mlContext.Temporal().SaveModel(fitted, data.Schema, zip);
        return (fitted, data, zip);
    }

    private static string Tsv(IDataView data, string path)
    {
        PipelineTsv.Write(data, path);
        return File.ReadAllText(path);
    }

    [FixtureFact(CatalogData.Fixture)]
    public void RoundTripInTheSameProcessGivesIdenticalOutputs()
    {
        using var temp = new TempFolder();
        using var model = CatalogData.LoadModel();
        var mlContext = new MLContext(seed: 1);
        var (fitted, data, zip) = FitAndSave(mlContext, model, temp);

        var loaded = mlContext.Temporal().LoadModel(zip, out var inputSchema);

        inputSchema.Select(c => (c.Name, c.Type)).Should().Equal(data.Schema.Select(c => (c.Name, c.Type)));
        var expected = Tsv(fitted.Transform(data), Path.Combine(temp.Path, "expected.tsv"));
        Tsv(loaded.Transform(data), Path.Combine(temp.Path, "actual.tsv")).Should().Be(expected);
        expected.Should().Contain("Score").And.Contain("Embedding");
        ((IEnumerable<ITransformer>)loaded).OfType<TextModelTransformer>().Select(t => t.Model).Distinct().Should().HaveCount(1);
    }

    [FixtureFact(CatalogData.Fixture)]
    public void FileStoresTheSharedModelOnceAndTheStepsInOrder()
    {
        using var temp = new TempFolder();
        using var model = CatalogData.LoadModel();
        var mlContext = new MLContext(seed: 1);
        var (fitted, data, zip) = FitAndSave(mlContext, model, temp);

        using var archive = ZipFile.OpenRead(zip);
        var names = archive.Entries.Select(e => e.FullName.Replace('\\', '/')).ToList();
        names.Where(n => n.StartsWith("models/")).Select(n => n.Split('/')[1]).Distinct().Should().Equal("0");
        names.Should().Contain(["manifest.json", "input-schema.zip", "steps/0/settings.json", "steps/1.zip", "steps/2/settings.json", "steps/3.zip", "models/0/model.safetensors"]);
        using var manifest = new StreamReader(archive.GetEntry("manifest.json")!.Open());
        manifest.ReadToEnd().Should().ContainAll("TextScoring", "MLNet", "TextEmbedding");
    }

    [FixtureFact(CatalogData.Fixture)]
    public void NewProcessReproducesTheOutputsFromTheFileAlone()
    {
        using var temp = new TempFolder();
        using var model = CatalogData.LoadModel();
        var mlContext = new MLContext(seed: 1);
        var (fitted, data, zip) = FitAndSave(mlContext, model, temp);
        var input = Path.Combine(temp.Path, "input.tsv");
        PipelineTsv.Write(data, input);
        var expected = Tsv(fitted.Transform(PipelineTsv.Read(mlContext, data.Schema, input)), Path.Combine(temp.Path, "expected.tsv"));

        var output = Path.Combine(temp.Path, "host.tsv");
        HostProcess.Run(["load", zip, input, output]);

        File.ReadAllText(output).Should().Be(expected);
        expected.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(CatalogData.Texts.Length + 1);
    }

    [FixtureFact(CatalogData.Fixture)]
    public void MLNetSaverRefusesOurTransformerWithDirections()
    {
        using var model = CatalogData.LoadModel();
        var mlContext = new MLContext(seed: 1);
        var (fitted, data) = FitMixedPipeline(mlContext, model);
        var stream = new MemoryStream();

        var thrown = FluentActions.Invoking(() => mlContext.Model.Save(fitted, data.Schema, stream)).Should().Throw<Exception>().Which;
        AllMessages(thrown).Should().Contain("mlContext.Temporal().SaveModel");
    }

    [FixtureFact(CatalogData.Fixture)]
    public void DamagedFilesAreReportedByEntry()
    {
        using var temp = new TempFolder();
        using var model = CatalogData.LoadModel();
        var mlContext = new MLContext(seed: 1);
        var (fitted, data, zip) = FitAndSave(mlContext, model, temp);

        string Damaged(string name, Action<ZipArchive> damage)
        {
            var copy = Path.Combine(temp.Path, name);
            File.Copy(zip, copy);
            using (var archive = ZipFile.Open(copy, ZipArchiveMode.Update)) damage(archive);
            return copy;
        }
        void Replace(ZipArchive archive, string entry, string text)
        {
            archive.GetEntry(entry)!.Delete();
            using var writer = new StreamWriter(archive.CreateEntry(entry).Open());
            writer.Write(text);
        }

        var noSettings = Damaged("no-settings.zip", a => a.GetEntry("steps/2/settings.json")!.Delete());
        var badJson = Damaged("bad-json.zip", a => Replace(a, "steps/0/settings.json", "{ \"Model\": "));
        var badModel = Damaged("bad-model.zip", a => Replace(a, "models/0/config.json", "not json"));
        var badMLNet = Damaged("bad-mlnet.zip", a => Replace(a, "steps/3.zip", "not a zip"));
        var noManifest = Damaged("no-manifest.zip", a => a.GetEntry("manifest.json")!.Delete());
        var notZip = Path.Combine(temp.Path, "not-a-zip.zip");
        File.WriteAllText(notZip, "hello");

        var catalog = mlContext.Temporal();
        catalog.Invoking(c => c.LoadModel(noSettings, out _)).Should().Throw<InvalidDataException>().WithMessage("*'steps/2/settings.json' is missing*");
        catalog.Invoking(c => c.LoadModel(badJson, out _)).Should().Throw<InvalidDataException>().WithMessage("*'steps/0/settings.json' is not valid*");
        catalog.Invoking(c => c.LoadModel(badModel, out _)).Should().Throw<InvalidDataException>().WithMessage("*'models/0' is not a loadable model*");
        catalog.Invoking(c => c.LoadModel(badMLNet, out _)).Should().Throw<InvalidDataException>().WithMessage("*'steps/3.zip' is not a loadable ML.NET model*");
        catalog.Invoking(c => c.LoadModel(noManifest, out _)).Should().Throw<InvalidDataException>().WithMessage("*'manifest.json' is missing*");
        catalog.Invoking(c => c.LoadModel(notZip, out _)).Should().Throw<InvalidDataException>().WithMessage("*not a readable zip*");
        catalog.Invoking(c => c.LoadModel(Path.Combine(temp.Path, "absent.zip"), out _)).Should().Throw<FileNotFoundException>();
    }

    [FixtureFact(CatalogData.Fixture)]
    public void FailedSaveLeavesThePreviousFile()
    {
        using var temp = new TempFolder();
        using var model = CatalogData.LoadModel();
        var mlContext = new MLContext(seed: 1);
        var (fitted, data) = FitMixedPipeline(mlContext, model);
        var zip = Path.Combine(temp.Path, "pipeline.zip");
        File.WriteAllText(zip, "previous");

        // A schema without the text column makes the save fail midway, after the staging has begun.
        var wrongSchema = mlContext.Data.LoadFromEnumerable([new OtherRow()]).Schema;
        mlContext.Temporal().Invoking(c => c.SaveModel(fitted, wrongSchema, zip)).Should().Throw<Exception>();
        File.ReadAllText(zip).Should().Be("previous");
        Directory.GetFiles(temp.Path).Should().Equal(zip);
    }

    private sealed class OtherRow
    {
        public float Other { get; set; }
    }

    private static string AllMessages(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + AllMessages(e.InnerException);
}
