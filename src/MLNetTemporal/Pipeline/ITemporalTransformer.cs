using Microsoft.ML;

namespace MLNetTemporal.Pipeline;

/// <summary>
/// A transformer of this library that <see cref="TemporalPipelineFile"/> can store: ML.NET's own saver accepts only
/// ML.NET's transformers. Each kind registers its loader with <see cref="TemporalTransformerKinds"/>.
/// </summary>
public interface ITemporalTransformer : ITransformer
{
    /// <summary>The name the manifest records and the loader registry looks up; stable across versions.</summary>
    string Kind { get; }

    /// <summary>Writes the step under the zip folder <paramref name="entry"/>; language models go through the context so each is stored once.</summary>
    void SaveTo(TemporalSaveContext context, string entry);
}
