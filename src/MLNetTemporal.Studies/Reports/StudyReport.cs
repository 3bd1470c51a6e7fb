using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MLNetTemporal.Runtime;

namespace MLNetTemporal.Studies.Reports;

/// <summary>
/// The one report writer of every study (time vectors, probes, anchors, task spaces): <c>summary.json</c>, CSV
/// tables and PNG plots in one folder. The folder is built aside and appears only on <see cref="Complete"/>, so a
/// failed or cancelled study leaves nothing that looks finished.
/// </summary>
public sealed class StudyReport : IDisposable
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly PendingDirectory _folder;
    private readonly List<string> _files = [];

    public StudyReport(string folder) => _folder = PendingDirectory.Create(folder);

    /// <summary>Where the report will be once complete.</summary>
    public string Folder => _folder.TargetPath;

    /// <summary>Files written so far, relative to the folder.</summary>
    public IReadOnlyList<string> Files => _files;

    /// <summary>A CSV table (invariant culture, RFC 4180 quoting).</summary>
    public string Csv(string name, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(",", header.Select(Quote)));
        foreach (var row in rows)
        {
            if (row.Count != header.Count)
                throw new ArgumentException($"{name}: a row has {row.Count} cells but the header {header.Count}", nameof(rows));
            text.AppendLine(string.Join(",", row.Select(Cell)));
        }
        return Write(name, text.ToString());
    }

    /// <summary>A labelled matrix as CSV: first column the row labels.</summary>
    public string MatrixCsv(string name, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels, double[,] values)
    {
        CheckShape(name, rowLabels, columnLabels, values);
        return Csv(name, ["", .. columnLabels],
            rowLabels.Select((label, i) => (IReadOnlyList<object?>)[label, .. Enumerable.Range(0, columnLabels.Count).Select(j => (object?)values[i, j])]));
    }

    /// <summary>A heatmap PNG with the values written in the cells (rows top to bottom as given).</summary>
    public string Heatmap(string name, string title, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels, double[,] values, string colorBarLabel = "")
    {
        CheckShape(name, rowLabels, columnLabels, values);
        var plot = new ScottPlot.Plot();
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = colorBarLabel;
        int rows = rowLabels.Count, columns = columnLabels.Count;
        if (rows * columns <= 400)
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < columns; j++)
                {
                    var text = plot.Add.Text(values[i, j].ToString("G3", CultureInfo.InvariantCulture), j, rows - 1 - i);
                    text.LabelFontColor = ScottPlot.Colors.White;
                    text.LabelAlignment = ScottPlot.Alignment.MiddleCenter;
                }
        plot.Axes.Bottom.TickGenerator = Ticks(columnLabels, reverse: false);
        plot.Axes.Left.TickGenerator = Ticks(rowLabels, reverse: true);
        plot.Title(title);
        return Save(name, plot, Math.Max(480, 60 * columns + 200), Math.Max(400, 40 * rows + 160));
    }

    /// <summary>Line plot of several series over shared or separate x values.</summary>
    public string Lines(string name, string title, string xLabel, string yLabel, IEnumerable<(string Label, double[] X, double[] Y)> series)
    {
        var plot = new ScottPlot.Plot();
        foreach (var (label, x, y) in series)
        {
            var line = plot.Add.Scatter(x, y);
            line.LegendText = label;
        }
        plot.ShowLegend();
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return Save(name, plot, 720, 480);
    }

    /// <summary>Scatter plot (e.g. predicted against true), optionally with the y = x line.</summary>
    public string Scatter(string name, string title, string xLabel, string yLabel, double[] x, double[] y, bool identityLine = false)
    {
        var plot = new ScottPlot.Plot();
        var points = plot.Add.ScatterPoints(x, y);
        points.MarkerSize = 4;
        if (identityLine && x.Length > 0)
        {
            double lo = Math.Min(x.Min(), y.Min()), hi = Math.Max(x.Max(), y.Max());
            plot.Add.Line(lo, lo, hi, hi);
        }
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return Save(name, plot, 600, 600);
    }

    /// <summary>Writes <c>summary.json</c>, serialised from any object (records, dictionaries, arrays).</summary>
    public string Summary(object summary) => Write("summary.json", JsonSerializer.Serialize(summary, Json));

    /// <summary>Moves the finished report into place and returns its folder.</summary>
    public string Complete()
    {
        _folder.Commit();
        return Folder;
    }

    public void Dispose() => _folder.Dispose();

    private string Write(string name, string text)
    {
        AtomicFile.WriteAllText(Target(name), text);
        return name;
    }

    private string Save(string name, ScottPlot.Plot plot, int width, int height)
    {
        var path = Target(name);
        AtomicFile.Write(path, stream => stream.Write(plot.GetImageBytes(width, height, ScottPlot.ImageFormat.Png)));
        return name;
    }

    private string Target(string name)
    {
        if (name.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(name))
            throw new ArgumentException($"report file name '{name}' must be relative and stay inside the report folder", nameof(name));
        if (!_files.Contains(name)) _files.Add(name);
        return Path.Combine(_folder.Path, name);
    }

    private static ScottPlot.TickGenerators.NumericManual Ticks(IReadOnlyList<string> labels, bool reverse)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < labels.Count; i++) ticks.AddMajor(reverse ? labels.Count - 1 - i : i, labels[i]);
        return ticks;
    }

    private static void CheckShape(string name, IReadOnlyList<string> rows, IReadOnlyList<string> columns, double[,] values)
    {
        if (values.GetLength(0) != rows.Count || values.GetLength(1) != columns.Count)
            throw new ArgumentException($"{name}: matrix is {values.GetLength(0)}x{values.GetLength(1)} but there are {rows.Count} row and {columns.Count} column labels");
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => Quote(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => Quote(value.ToString() ?? ""),
    };

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
