using MLNetTemporal.Catalog;
using MLNetTemporal.Pipeline;

// Same namespace as MLContext so that mlContext.Temporal() needs no extra using, as AutoML's mlContext.Auto() does.

namespace Microsoft.ML;

public static class MLContextExtensions
{
    /// <summary>The MLNetTemporal catalog: language-model transforms and the persistence of pipelines that use them.</summary>
    public static TemporalCatalog Temporal(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return new TemporalCatalog(mlContext);
    }
}
