using Microsoft.ML;
using MLNetTemporal.Tests.Host;

if (args is not ["load", var model, var input, var output])
{
    Console.Error.WriteLine("usage: MLNetTemporal.Tests.Host load <model zip> <input tsv> <output tsv>");
    return 2;
}
var mlContext = new MLContext(seed: 1);
var pipeline = mlContext.Temporal().LoadModel(model, out var inputSchema);
PipelineTsv.Write(pipeline.Transform(PipelineTsv.Read(mlContext, inputSchema, input)), output);
return 0;
