using System.Collections.Concurrent;
using Microsoft.ML;

namespace MLNetTemporal.Pipeline;

/// <summary>
/// The loaders of saved <see cref="ITemporalTransformer"/> kinds, by <see cref="ITemporalTransformer.Kind"/>. The
/// library registers its own kinds when the catalog is first used; a transformer written elsewhere registers its
/// loader here once (for example in a static constructor) before a pipeline holding it is loaded.
/// </summary>
public static class TemporalTransformerKinds
{
    private static readonly ConcurrentDictionary<string, Func<TemporalLoadContext, string, ITransformer>> Loaders = new(StringComparer.Ordinal);

    /// <summary>Registers the loader of a kind; registering the same loader again is harmless, another loader for a taken kind is an error.</summary>
    public static void Register(string kind, Func<TemporalLoadContext, string, ITransformer> load)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(load);
        var registered = Loaders.GetOrAdd(kind, load);
        if (registered != load && registered.Method != load.Method)
            throw new InvalidOperationException($"transformer kind '{kind}' is already registered to {registered.Method.DeclaringType?.FullName}.{registered.Method.Name}");
    }

    /// <summary>Whether a loader for the kind is registered.</summary>
    public static bool IsRegistered(string kind) => Loaders.ContainsKey(kind);

    internal static ITransformer Load(string kind, TemporalLoadContext context, string entry) =>
        Loaders.TryGetValue(kind, out var load)
            ? load(context, entry)
            : throw context.Invalid(entry, $"its kind '{kind}' is not registered (known: {string.Join(", ", Loaders.Keys.Order(StringComparer.Ordinal))}); " +
                "a transformer from another assembly registers with TemporalTransformerKinds.Register before loading");
}
