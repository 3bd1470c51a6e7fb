using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetTemporal.Probing;

/// <summary>The lazy output of a <see cref="ProbeTransformer"/>: the input's columns plus the score, computed when read.</summary>
internal sealed class ProbeScoreDataView(IDataView input, ProbeTransformer probe, DataViewSchema schema) : IDataView
{
    private IDataView Input => input;
    private ProbeTransformer Probe => probe;
    public DataViewSchema Schema => schema;
    public bool CanShuffle => input.CanShuffle;
    public long? GetRowCount() => input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToList();
        bool score = needed.Any(c => c.Index == input.Schema.Count);
        var inputColumns = needed.Where(c => c.Index < input.Schema.Count).Select(c => input.Schema[c.Index]).ToList();
        if (score) inputColumns.Add(input.Schema[probe.FeatureColumnName]);
        return new Cursor(this, input.GetRowCursor(inputColumns.DistinctBy(c => c.Index), rand), score);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor(ProbeScoreDataView parent, DataViewRowCursor inner, bool score) : DataViewRowCursor
    {
        private readonly ValueGetter<VBuffer<float>>? _features = score ? inner.GetGetter<VBuffer<float>>(inner.Schema[parent.Probe.FeatureColumnName]) : null;
        private VBuffer<float> _buffer;
        private double[]? _prediction;

        public override DataViewSchema Schema => parent.Schema;
        public override long Position => inner.Position;
        public override long Batch => inner.Batch;
        public override ValueGetter<DataViewRowId> GetIdGetter() => inner.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            column.Index == parent.Input.Schema.Count ? score : inner.IsColumnActive(parent.Input.Schema[column.Index]);

        public override bool MoveNext()
        {
            _prediction = null;
            return inner.MoveNext();
        }

        private double[] Prediction()
        {
            if (_prediction is null)
            {
                _features!(ref _buffer);
                _prediction = parent.Probe.Probe.Predict(_buffer.DenseValues().ToArray());
            }
            return _prediction;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index < parent.Input.Schema.Count) return inner.GetGetter<TValue>(parent.Input.Schema[column.Index]);
            if (!score) throw new InvalidOperationException($"column '{column.Name}' was not requested when the cursor was opened");
            Delegate getter = parent.Probe.ScoreType is NumberDataViewType
                ? (ValueGetter<float>)((ref float value) => value = (float)Prediction()[0])
                : (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
                {
                    var p = Prediction();
                    var editor = VBufferEditor.Create(ref value, p.Length);
                    for (int i = 0; i < p.Length; i++) editor.Values[i] = (float)p[i];
                    value = editor.Commit();
                });
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"column '{column.Name}' has type {column.Type}, not {typeof(TValue).Name}");
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
