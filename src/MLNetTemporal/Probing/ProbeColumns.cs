using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetTemporal.Probing;

/// <summary>Checks and reads a probe's Label and Features columns; errors name the column, its type and the row.</summary>
internal static class ProbeColumns
{
    /// <summary>The label's width (1 for a Single) and the features' width, checked on a schema shape.</summary>
    public static void Validate(SchemaShape schema, ProbeOptions options)
    {
        Find(schema, options.LabelColumnName, "Label", allowScalar: true);
        Find(schema, options.FeatureColumnName, "Features", allowScalar: false);
    }

    /// <summary>The label's width (1 for a Single) and the features' width.</summary>
    public static (int Outputs, bool ScalarLabel, int Features) Validate(DataViewSchema schema, ProbeOptions options)
    {
        var (outputs, scalar) = Width(schema, options.LabelColumnName, "Label", allowScalar: true);
        var (features, _) = Width(schema, options.FeatureColumnName, "Features", allowScalar: false);
        return (outputs, scalar, features);
    }

    /// <summary>Every row's features and targets; a missing (NaN) target or feature is an error naming the row.</summary>
    public static (List<float[]> Features, List<double[]> Targets) Read(IDataView data, ProbeOptions options)
    {
        var (_, scalar, _) = Validate(data.Schema, options);
        var label = data.Schema[options.LabelColumnName];
        var feature = data.Schema[options.FeatureColumnName];
        var features = new List<float[]>();
        var targets = new List<double[]>();
        using var cursor = data.GetRowCursor([label, feature]);
        var getFeatures = cursor.GetGetter<VBuffer<float>>(feature);
        ValueGetter<float>? getScalar = scalar ? cursor.GetGetter<float>(label) : null;
        ValueGetter<VBuffer<float>>? getVector = scalar ? null : cursor.GetGetter<VBuffer<float>>(label);
        VBuffer<float> f = default, l = default;
        float s = 0;
        long row = 0;
        while (cursor.MoveNext())
        {
            getFeatures(ref f);
            double[] target;
            if (getScalar is not null)
            {
                getScalar(ref s);
                target = [s];
            }
            else
            {
                getVector!(ref l);
                target = l.DenseValues().Select(v => (double)v).ToArray();
            }
            if (target.Any(v => !double.IsFinite(v)))
                throw new InvalidDataException($"row {row}: column '{options.LabelColumnName}' is missing or not a finite number");
            var values = f.DenseValues().ToArray();
            if (values.Any(v => !float.IsFinite(v)))
                throw new InvalidDataException($"row {row}: column '{options.FeatureColumnName}' holds a missing or non-finite value");
            features.Add(values);
            targets.Add(target);
            row++;
        }
        if (row == 0) throw new InvalidDataException($"the training data has no rows (an empty split?)");
        return (features, targets);
    }

    private static void Find(SchemaShape schema, string name, string role, bool allowScalar)
    {
        var found = schema.Where(c => c.Name == name).ToList();
        if (found.Count == 0) throw new ArgumentOutOfRangeException(nameof(schema), $"{role} column '{name}' not found; expected {Expected(allowScalar)}");
        var c = found[^1];
        bool ok = c.ItemType == NumberDataViewType.Single &&
            (c.Kind == SchemaShape.Column.VectorKind.Vector || (allowScalar && c.Kind == SchemaShape.Column.VectorKind.Scalar));
        if (!ok) throw new ArgumentOutOfRangeException(nameof(schema), $"{role} column '{name}' has type {c.Kind} of {c.ItemType}; expected {Expected(allowScalar)}");
    }

    private static (int Width, bool Scalar) Width(DataViewSchema schema, string name, string role, bool allowScalar)
    {
        var column = schema.GetColumnOrNull(name)
            ?? throw new ArgumentOutOfRangeException(nameof(schema), $"{role} column '{name}' not found; expected {Expected(allowScalar)}");
        return column.Type switch
        {
            NumberDataViewType t when allowScalar && t == NumberDataViewType.Single => (1, true),
            VectorDataViewType { IsKnownSize: true } v when v.ItemType == NumberDataViewType.Single => (v.Size, false),
            _ => throw new ArgumentOutOfRangeException(nameof(schema), $"{role} column '{name}' has type {column.Type}; expected {Expected(allowScalar)}"),
        };
    }

    private static string Expected(bool allowScalar) => allowScalar ? "Single or a known-size vector of Single" : "a known-size vector of Single";
}
