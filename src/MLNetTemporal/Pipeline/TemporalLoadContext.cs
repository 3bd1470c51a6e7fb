using System.Text.Json;
using Microsoft.ML;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Runtime;

namespace MLNetTemporal.Pipeline;

/// <summary>
/// A saved pipeline unpacked to a folder. Errors name the file and the zip entry at fault; each distinct model is
/// loaded once per device.
/// </summary>
public sealed class TemporalLoadContext(MLContext mlContext, string root, string file)
{
    private readonly Dictionary<(string Entry, string Device), LanguageModel> _models = [];

    public MLContext MLContext => mlContext;

    public InvalidDataException Invalid(string entry, string problem, Exception? inner = null) =>
        new($"{file}: entry '{entry}' {problem}", inner);

    public string PathOf(string entry)
    {
        var path = Path.Combine(root, entry);
        return File.Exists(path) || Directory.Exists(path) ? path : throw Invalid(entry, "is missing");
    }

    public T ReadJson<T>(string entry)
    {
        var path = PathOf(entry);
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), PipelineManifest.Json) ?? throw new JsonException("the document is null");
        }
        catch (JsonException e)
        {
            throw Invalid(entry, $"is not valid: {e.Message}", e);
        }
    }

    /// <summary>The model saved under <paramref name="entry"/> on the requested device; owned by the first caller.</summary>
    public (LanguageModel Model, bool First) Model(string entry, string requestedDevice)
    {
        var device = ComputeDevice.Resolve(requestedDevice, mlContext);
        if (_models.TryGetValue((entry, device.ToString()), out var model)) return (model, false);
        var path = PathOf(entry);
        try
        {
            model = LanguageModel.Load(path, device);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException or ArgumentException)
        {
            throw Invalid(entry, $"is not a loadable model: {e.Message}", e);
        }
        _models[(entry, device.ToString())] = model;
        return (model, true);
    }

    /// <summary>A zip written by mlContext.Model.Save, with the schema it was saved with.</summary>
    public ITransformer LoadMLNet(string entry, out DataViewSchema schema)
    {
        var path = PathOf(entry);
        try
        {
            using var stream = File.OpenRead(path);
            return mlContext.Model.Load(stream, out schema);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw Invalid(entry, $"is not a loadable ML.NET model: {e.Message}", e);
        }
    }
}
