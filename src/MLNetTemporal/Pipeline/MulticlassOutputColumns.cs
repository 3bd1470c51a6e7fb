using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetTemporal.Pipeline;

/// <summary>
/// Score and PredictedLabel columns of a multiclass classifier, with the annotations ML.NET's evaluator reads
/// (slot names, score kinds, key values), and the mapping of probabilities to both.
/// </summary>
internal static class MulticlassOutputColumns
{
    public static TextOutputColumn[] Create(IReadOnlyList<string> classes, string score, string predictedLabel)
    {
        ValueGetter<VBuffer<ReadOnlyMemory<char>>> names = (ref VBuffer<ReadOnlyMemory<char>> value) =>
            value = new VBuffer<ReadOnlyMemory<char>>(classes.Count, classes.Select(c => c.AsMemory()).ToArray());
        var namesType = new VectorDataViewType(TextDataViewType.Instance, classes.Count);
        var scoreAnnotations = new DataViewSchema.Annotations.Builder();
        scoreAnnotations.Add("SlotNames", namesType, names);
        scoreAnnotations.Add("ScoreColumnKind", TextDataViewType.Instance, (ref ReadOnlyMemory<char> v) => v = "MulticlassClassification".AsMemory());
        scoreAnnotations.Add("ScoreValueKind", TextDataViewType.Instance, (ref ReadOnlyMemory<char> v) => v = "Score".AsMemory());
        var keyAnnotations = new DataViewSchema.Annotations.Builder();
        keyAnnotations.Add("KeyValues", namesType, names);
        return
        [
            new(score, new VectorDataViewType(NumberDataViewType.Single, classes.Count), scoreAnnotations.ToAnnotations()),
            new(predictedLabel, new KeyDataViewType(typeof(uint), classes.Count), keyAnnotations.ToAnnotations()),
        ];
    }

    /// <summary>The two columns' values: the probabilities and the 1-based key of the most probable class.</summary>
    public static Array[] Values(float[][] probabilities) =>
        [probabilities, probabilities.Select(p => (uint)(Array.IndexOf(p, p.Max()) + 1)).ToArray()];
}
