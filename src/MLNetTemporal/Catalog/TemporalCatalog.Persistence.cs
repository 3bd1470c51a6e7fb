using Microsoft.ML;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.Catalog;

public sealed partial class TemporalCatalog
{
    /// <summary>
    /// Saves a fitted pipeline that may mix ML.NET transformers with this library's into one zip file. Use it
    /// instead of <c>mlContext.Model.Save</c>, which cannot store transformers from outside ML.NET.
    /// </summary>
    /// <param name="model">A fitted transformer or chain; ours may sit at any position.</param>
    /// <param name="inputSchema">The schema of the data the pipeline was fitted on, as for <c>mlContext.Model.Save</c>.</param>
    /// <param name="path">The zip to write; replaced only once complete.</param>
    public void SaveModel(ITransformer model, DataViewSchema inputSchema, string path) =>
        TemporalPipelineFile.Save(Context, model, inputSchema, path);

    /// <summary>
    /// Loads a file written by <see cref="SaveModel"/>. Language models go to the device their transformer asked
    /// for, resolved with this context's GpuDeviceId and FallbackToCpu.
    /// </summary>
    public ITransformer LoadModel(string path, out DataViewSchema inputSchema) =>
        TemporalPipelineFile.Load(Context, path, out inputSchema);
}
