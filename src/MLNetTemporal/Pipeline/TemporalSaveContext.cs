using System.Text.Json;
using MLNetTemporal.LanguageModels;

namespace MLNetTemporal.Pipeline;

/// <summary>The folder a pipeline is staged in before it is zipped; stores each distinct language model once.</summary>
public sealed class TemporalSaveContext(string root)
{
    private readonly List<LanguageModel> _models = [];

    /// <summary>The file-system path of a zip entry, its folder created.</summary>
    public string PathOf(string entry)
    {
        var path = Path.Combine(root, entry);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    public void WriteJson(string entry, object value) =>
        File.WriteAllText(PathOf(entry), JsonSerializer.Serialize(value, value.GetType(), PipelineManifest.Json));

    /// <summary>The entry the model is saved under (a Hugging Face folder), saving it on first use.</summary>
    public string ModelEntry(LanguageModel model)
    {
        int index = _models.FindIndex(m => ReferenceEquals(m, model));
        if (index < 0)
        {
            index = _models.Count;
            _models.Add(model);
            model.Save(PathOf($"models/{index}"));
        }
        return $"models/{index}";
    }
}
