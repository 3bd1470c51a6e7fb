using Microsoft.ML;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.Catalog;

/// <summary>
/// Entry point of the library's ML.NET components, reached through <c>mlContext.Temporal()</c>. Partial so each
/// feature area (text models, persistence, and later time vectors, probes, anchors) adds its methods in its own file;
/// code outside the library extends it with extension methods that use <see cref="Context"/>.
/// </summary>
public sealed partial class TemporalCatalog
{
    internal TemporalCatalog(MLContext context)
    {
        BuiltInTransformerKinds.EnsureRegistered();
        Context = context;
    }

    /// <summary>The context whose seed, GpuDeviceId and FallbackToCpu the components honour.</summary>
    public MLContext Context { get; }
}
