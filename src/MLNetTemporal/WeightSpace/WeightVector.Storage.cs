using MLNetTemporal.Checkpoints;
using static TorchSharp.torch;

namespace MLNetTemporal.WeightSpace;

public sealed partial class WeightVector
{
    /// <summary>Writes a safetensors file (the deltas, metadata in the header); the file appears only when complete.</summary>
    public void Save(string path) => SafeTensorsWriter.Write(path, _tensors, Metadata.ToHeader());

    /// <summary>Reads a vector saved by <see cref="Save"/>; NaN/Inf values are an error naming the tensor and file.</summary>
    public static WeightVector Load(string path)
    {
        using var file = SafeTensorsFile.Open(path);
        if (file.Metadata.GetValueOrDefault(WeightVectorMetadata.KindKey) != WeightVectorMetadata.KindValue)
            throw new InvalidDataException($"{path}: not a weight vector (its header lacks {WeightVectorMetadata.KindKey}={WeightVectorMetadata.KindValue}); " +
                "make one from two checkpoints with the time-vector command");
        var tensors = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var name in file.Tensors.Keys.Order(StringComparer.Ordinal)) tensors.Add(name, file.Read(name));
            var vector = new WeightVector(tensors, WeightVectorMetadata.FromHeader(file.Metadata));
            try
            {
                vector.EnsureFinite();
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{path}: {e.Message}", e);
            }
            return vector;
        }
        catch
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw;
        }
    }
}
