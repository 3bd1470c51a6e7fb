using System.Text.Json;
using MLNetTemporal.Runtime;
using MLNetTemporal.WeightSpace;

namespace MLNetTemporal.TimeVectors;

/// <summary>
/// Time vectors of one base model, by period: <c>tau_t = theta_ft_t - theta_pre</c>. Saved as a folder with one
/// safetensors file per period and a <c>set.json</c> index; owns its vectors.
/// </summary>
public sealed class TimeVectorSet : IDisposable
{
    private const string IndexFile = "set.json";
    private readonly SortedDictionary<string, WeightVector> _vectors = new(StringComparer.Ordinal);

    public TimeVectorSet(string baseHash) => BaseHash = baseHash;

    public string BaseHash { get; }
    public IReadOnlyList<string> Periods => [.. _vectors.Keys];
    public int Count => _vectors.Count;

    public WeightVector this[string period] => _vectors.TryGetValue(period, out var v)
        ? v
        : throw new KeyNotFoundException($"no time vector for period '{period}' (periods: {string.Join(", ", _vectors.Keys)})");

    public bool Contains(string period) => _vectors.ContainsKey(period);

    /// <summary>Adds (and takes ownership of) a vector of this base; its metadata must name its period.</summary>
    public void Add(WeightVector vector)
    {
        var period = vector.Metadata.Period ?? throw new ArgumentException("the vector's metadata names no period", nameof(vector));
        if (vector.Metadata.BaseHash != BaseHash)
            throw new ArgumentException($"the vector for period {period} was taken from base {vector.Metadata.BaseHash ?? "(unknown)"}, the set's base is {BaseHash}", nameof(vector));
        if (!_vectors.TryAdd(period, vector)) throw new ArgumentException($"the set already has a vector for period {period}", nameof(vector));
    }

    /// <summary>The file a period's vector is stored in, inside a set folder.</summary>
    public static string FileOf(string folder, string period) => Path.Combine(folder, $"{period}.safetensors");

    public void Save(string folder) => AtomicFile.WriteDirectory(folder, temp =>
    {
        foreach (var (period, vector) in _vectors) vector.Save(FileOf(temp, period));
        File.WriteAllText(Path.Combine(temp, IndexFile), JsonSerializer.Serialize(new Index(BaseHash, Periods)));
    });

    public static TimeVectorSet Load(string folder)
    {
        var indexPath = Path.Combine(folder, IndexFile);
        if (!File.Exists(indexPath)) throw new FileNotFoundException($"{folder}: not a time-vector set (no {IndexFile})", indexPath);
        var index = JsonSerializer.Deserialize<Index>(File.ReadAllText(indexPath)) ?? throw new InvalidDataException($"{indexPath}: empty index");
        var set = new TimeVectorSet(index.BaseHash);
        try
        {
            foreach (var period in index.Periods)
            {
                var file = FileOf(folder, period);
                if (!File.Exists(file)) throw new FileNotFoundException($"{folder}: period {period} is listed in {IndexFile} but {Path.GetFileName(file)} is missing", file);
                set.Add(WeightVector.Load(file));
            }
            return set;
        }
        catch
        {
            set.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A set from loose paths: one saved set folder as it is; otherwise every vector file given, and every
    /// <c>.safetensors</c> in each folder given (by name), each vector naming its period and all of one base.
    /// </summary>
    public static TimeVectorSet Load(IReadOnlyList<string> paths)
    {
        if (paths.Count == 1 && File.Exists(Path.Combine(paths[0], IndexFile))) return Load(paths[0]);
        var files = paths.SelectMany<string, string>(p => Directory.Exists(p) ? Directory.GetFiles(p, "*.safetensors").Order(StringComparer.Ordinal) : [p]).ToList();
        if (files.Count == 0) throw new FileNotFoundException($"no .safetensors vector in {string.Join(", ", paths)}");
        TimeVectorSet? set = null;
        try
        {
            foreach (var file in files)
            {
                var vector = WeightVector.Load(file);
                try
                {
                    // The first vector's base is the set's; Add refuses any later vector of another base.
                    set ??= new TimeVectorSet(vector.Metadata.BaseHash ?? throw new ArgumentException("the vector names no base model"));
                    set.Add(vector);
                }
                catch (ArgumentException e)
                {
                    vector.Dispose();
                    throw new InvalidDataException($"{file}: {e.Message}");
                }
            }
            return set!;
        }
        catch
        {
            set?.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var v in _vectors.Values) v.Dispose();
        _vectors.Clear();
    }

    private sealed record Index(string BaseHash, IReadOnlyList<string> Periods);
}
