using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.ML;
using MLNetTemporal.Tests.Host;
using TorchSharp;

// Each mode lives in its own method, so that compiling this one loads no MLNetTemporal type: the resolver mode must
// act before the library's module initializer runs.
return args switch
{
    ["load", var model, var input, var output] => Modes.Load(model, input, output),
    ["native-resolver", "before"] => Modes.NativeResolver(before: true),
    ["native-resolver", "after"] => Modes.NativeResolver(before: false),
    ["native-first-use"] => Modes.NativeFirstUse(),
    _ => Modes.Usage(),
};

internal static class Modes
{
    public static int Usage()
    {
        Console.Error.WriteLine("usage: MLNetTemporal.Tests.Host load <model zip> <input tsv> <output tsv>");
        Console.Error.WriteLine("       MLNetTemporal.Tests.Host native-resolver before|after");
        Console.Error.WriteLine("       MLNetTemporal.Tests.Host native-first-use");
        return 2;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Load(string model, string input, string output)
    {
        var mlContext = new MLContext(seed: 1);
        var pipeline = mlContext.Temporal().LoadModel(model, out var inputSchema);
        PipelineTsv.Write(pipeline.Transform(PipelineTsv.Read(mlContext, inputSchema, input)), output);
        return 0;
    }

    /// <summary>
    /// A host that sets TorchSharp's DllImport resolver before the library loads (or after it has loaded torch):
    /// the library must load without an exception and leave that resolver in charge. The resolver passes every
    /// request on (returns zero), so torch still loads as the process otherwise would.
    /// </summary>
    public static int NativeResolver(bool before)
    {
        int asked = 0;
        DllImportResolver resolver = (name, _, _) =>
        {
            if (name.Contains("LibTorchSharp", StringComparison.Ordinal)) Interlocked.Increment(ref asked);
            return IntPtr.Zero;
        };
        if (before) NativeLibrary.SetDllImportResolver(typeof(torch).Assembly, resolver);
        var sum = SumThroughTheLibrary();
        if (!before) NativeLibrary.SetDllImportResolver(typeof(torch).Assembly, resolver);
        Console.WriteLine($"sum {sum}; the host's resolver was asked {asked} times");
        return sum == 6 && (!before || asked > 0) ? 0 : 1;
    }

    /// <summary>Torch through the library, printing either the result or the reason it could not load.</summary>
    public static int NativeFirstUse()
    {
        try
        {
            Console.WriteLine($"sum {SumThroughTheLibrary()}");
        }
        catch (DllNotFoundException e)
        {
            Console.WriteLine($"failed: {e.Message}");
        }
        return 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float SumThroughTheLibrary()
    {
        var device = MLNetTemporal.Runtime.ComputeDevice.Resolve("cpu");
        using var t = torch.arange(4, dtype: torch.ScalarType.Float32, device: device);
        return t.sum().item<float>();
    }
}
