using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetTemporal.Runtime;

namespace MLNetTemporal.Pipeline;

/// <summary>
/// One zip holding a fitted pipeline that mixes ML.NET transformers with this library's:
/// <list type="bullet">
/// <item><c>manifest.json</c>: the steps in order;</item>
/// <item><c>input-schema.zip</c>: an empty ML.NET model saved with the pipeline's input schema (ML.NET's own schema format);</item>
/// <item><c>steps/N.zip</c>: each contiguous run of ML.NET transformers, saved by <c>mlContext.Model.Save</c> with the schema it receives;</item>
/// <item><c>steps/N/settings.json</c>: each of our transformers;</item>
/// <item><c>models/K/</c>: each distinct language model once, as a Hugging Face folder.</item>
/// </list>
/// </summary>
internal static class TemporalPipelineFile
{
    private const string ManifestEntry = "manifest.json";
    private const string InputSchemaEntry = "input-schema.zip";

    public static void Save(MLContext mlContext, ITransformer model, DataViewSchema inputSchema, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        var stage = Directory.CreateTempSubdirectory("mlnet-temporal-save-").FullName;
        try
        {
            var context = new TemporalSaveContext(stage);
            SaveMLNet(mlContext, context, [], inputSchema, InputSchemaEntry);
            var steps = new List<PipelineStep>();
            var run = new List<ITransformer>();
            var schema = inputSchema;
            var runSchema = inputSchema;
            void EndRun()
            {
                if (run.Count == 0) return;
                var entry = $"steps/{steps.Count}.zip";
                SaveMLNet(mlContext, context, run, runSchema, entry);
                steps.Add(new PipelineStep(PipelineStep.MLNetKind, entry));
                run.Clear();
            }
            foreach (var transformer in Flatten(model))
            {
                if (transformer is ITemporalTransformer ours)
                {
                    EndRun();
                    var entry = $"steps/{steps.Count}";
                    ours.SaveTo(context, entry);
                    steps.Add(new PipelineStep(ours.Kind, entry));
                }
                else
                {
                    if (run.Count == 0) runSchema = schema;
                    run.Add(transformer);
                }
                schema = transformer.GetOutputSchema(schema);
            }
            EndRun();
            context.WriteJson(ManifestEntry, new PipelineManifest(PipelineManifest.FormatName, PipelineManifest.CurrentVersion, InputSchemaEntry, steps));
            AtomicFile.Write(path, stream => ZipFile.CreateFromDirectory(stage, stream));
        }
        finally
        {
            Directory.Delete(stage, recursive: true);
        }
    }

    public static ITransformer Load(MLContext mlContext, string path, out DataViewSchema inputSchema)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"model file not found: {path}", path);
        var stage = Directory.CreateTempSubdirectory("mlnet-temporal-load-").FullName;
        try
        {
            Unpack(path, stage);
            var context = new TemporalLoadContext(mlContext, stage, path);
            var manifest = context.ReadJson<PipelineManifest>(ManifestEntry);
            if (manifest.Format != PipelineManifest.FormatName || manifest.Version > PipelineManifest.CurrentVersion)
                throw context.Invalid(ManifestEntry, $"describes format '{manifest.Format}' version {manifest.Version}; this library reads '{PipelineManifest.FormatName}' up to version {PipelineManifest.CurrentVersion}");
            context.LoadMLNet(manifest.InputSchema, out inputSchema);
            var transformers = new List<ITransformer>();
            foreach (var step in manifest.Steps)
            {
                if (step.Kind == PipelineStep.MLNetKind) transformers.AddRange(Flatten(context.LoadMLNet(step.Entry, out _)));
                else transformers.Add(TemporalTransformerKinds.Load(step.Kind, context, step.Entry));
            }
            return new TransformerChain<ITransformer>([.. transformers]);
        }
        finally
        {
            // Everything loaded is in memory by now (models, ML.NET transformers), so the unpacked copy can go.
            Directory.Delete(stage, recursive: true);
        }
    }

    private static void SaveMLNet(MLContext mlContext, TemporalSaveContext context, IReadOnlyList<ITransformer> run, DataViewSchema schema, string entry)
    {
        using var stream = File.Create(context.PathOf(entry));
        mlContext.Model.Save(new TransformerChain<ITransformer>([.. run]), schema, stream);
    }

    /// <summary>Nested chains (an estimator chain fitted inside another) become one list; transforming is unchanged.</summary>
    private static IEnumerable<ITransformer> Flatten(ITransformer model) =>
        model is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [model];

    /// <summary>Extracts entry by entry so a damaged one is reported by name.</summary>
    private static void Unpack(string path, string stage)
    {
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path} is not a saved pipeline (not a readable zip): {e.Message}", e);
        }
        using (archive)
        {
            var root = Path.GetFullPath(stage) + Path.DirectorySeparatorChar;
            foreach (var entry in archive.Entries)
            {
                var target = Path.GetFullPath(Path.Combine(root, entry.FullName));
                if (!target.StartsWith(root, StringComparison.Ordinal))
                    throw new InvalidDataException($"{path}: entry '{entry.FullName}' points outside the archive");
                if (entry.FullName.EndsWith('/')) continue;
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                try
                {
                    entry.ExtractToFile(target);
                }
                catch (InvalidDataException e)
                {
                    throw new InvalidDataException($"{path}: entry '{entry.FullName}' is damaged: {e.Message}", e);
                }
            }
        }
    }
}
