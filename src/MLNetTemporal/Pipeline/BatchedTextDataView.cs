using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetTemporal.Pipeline;

/// <summary>
/// The lazy result of a text-model transformer: every input column passes through, and the added columns are
/// computed <see cref="ITextBatchMapper.BatchSize"/> rows at a time.
/// </summary>
/// <remarks>
/// A cursor needs the texts of the rows ahead before it may serve the current one, yet must keep the input row
/// under it for the passed-through columns. It therefore opens two input cursors: a look-ahead one that reads only
/// the text column a batch at a time, and the main one that moves row by row. IDataView requires cursors without a
/// random source to see the same rows in the same order, which keeps the two aligned; for the same reason this
/// view does not shuffle.
/// </remarks>
internal sealed class BatchedTextDataView : IDataView
{
    private readonly IDataView _input;
    private readonly ITextBatchMapper _mapper;
    private readonly DataViewSchema.Column[] _texts;

    public BatchedTextDataView(IDataView input, ITextBatchMapper mapper)
    {
        _input = input;
        _mapper = mapper;
        _texts = mapper.InputColumnNames.Select(name => TextInputColumn.Validate(input.Schema, name)).ToArray();
        Schema = BuildSchema(input.Schema, mapper);
    }

    public DataViewSchema Schema { get; }
    public bool CanShuffle => false;
    public long? GetRowCount() => _input.GetRowCount();

    /// <summary>The input's columns, at the same indices, followed by the added ones (which hide same-named inputs).</summary>
    public static DataViewSchema BuildSchema(DataViewSchema input, ITextBatchMapper mapper)
    {
        foreach (var name in mapper.InputColumnNames) TextInputColumn.Validate(input, name);
        foreach (var column in mapper.OutputColumns)
            if (!TextOutputColumn.IsServable(column.Type))
                throw new InvalidOperationException($"{mapper.GetType().Name} declares column '{column.Name}' of type {column.Type}; " +
                    "a text-model transformer adds Single, Int32, Boolean, Key<UInt32> or known-size Vector<Single> columns");
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        foreach (var column in mapper.OutputColumns) builder.AddColumn(column.Name, column.Type, column.Annotations);
        return builder.ToSchema();
    }

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var active = new bool[Schema.Count];
        foreach (var column in columnsNeeded) active[column.Index] = true;
        int inputCount = _input.Schema.Count;
        var main = _input.GetRowCursor(Enumerable.Range(0, inputCount).Where(i => active[i]).Select(i => _input.Schema[i]));
        var lookahead = active.Skip(inputCount).Any(a => a) ? _input.GetRowCursor(_texts) : null;
        return new Cursor(this, main, lookahead, active);
    }

    // One cursor only: the model runs batches itself, and parallel cursors would each hold it.
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly BatchedTextDataView _parent;
        private readonly DataViewRowCursor _main;
        private readonly DataViewRowCursor? _lookahead;
        private readonly ValueGetter<ReadOnlyMemory<char>>[] _readTexts;
        private readonly bool[] _active;
        private readonly List<string>[] _texts;
        private Array[]? _outputs;
        private int _row = -1;

        public Cursor(BatchedTextDataView parent, DataViewRowCursor main, DataViewRowCursor? lookahead, bool[] active)
        {
            _parent = parent;
            _main = main;
            _lookahead = lookahead;
            _readTexts = lookahead is null ? [] : parent._texts.Select(lookahead.GetGetter<ReadOnlyMemory<char>>).ToArray();
            _texts = parent._texts.Select(_ => new List<string>()).ToArray();
            _active = active;
        }

        public override DataViewSchema Schema => _parent.Schema;
        public override long Position => _main.Position;
        public override long Batch => _main.Batch;
        public override ValueGetter<DataViewRowId> GetIdGetter() => _main.GetIdGetter();
        public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

        public override bool MoveNext()
        {
            if (!_main.MoveNext()) return false;
            if (_lookahead is null) return true;
            if (++_row >= _texts[0].Count) ReadBatch();
            return true;
        }

        private void ReadBatch()
        {
            foreach (var list in _texts) list.Clear();
            _outputs = null;
            _row = 0;
            var text = default(ReadOnlyMemory<char>);
            while (_texts[0].Count < _parent._mapper.BatchSize && _lookahead!.MoveNext())
                for (int c = 0; c < _texts.Length; c++)
                {
                    _readTexts[c](ref text);
                    _texts[c].Add(text.ToString());
                }
            if (_texts[0].Count == 0)
                throw new InvalidOperationException("the input data view gave two cursors different numbers of rows; text models need a data view whose cursors repeat the same rows");
        }

        // The model runs when a value of the batch is first asked for, so cursors that skip rows cost nothing.
        private Array Output(int column) => (_outputs ??= _parent._mapper.MapColumns(_texts))[column];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!_active[column.Index])
                throw new InvalidOperationException($"column '{column.Name}' was not requested when the cursor was opened");
            int inputCount = _parent._input.Schema.Count;
            if (column.Index < inputCount) return _main.GetGetter<TValue>(_parent._input.Schema[column.Index]);
            int j = column.Index - inputCount;
            Delegate getter = _parent._mapper.OutputColumns[j].Type switch
            {
                VectorDataViewType => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
                {
                    var source = ((float[][])Output(j))[_row];
                    var editor = VBufferEditor.Create(ref value, source.Length);
                    source.CopyTo(editor.Values);
                    value = editor.Commit();
                }),
                KeyDataViewType => (ValueGetter<uint>)((ref uint value) => value = ((uint[])Output(j))[_row]),
                NumberDataViewType t when t.RawType == typeof(int) => (ValueGetter<int>)((ref int value) => value = ((int[])Output(j))[_row]),
                BooleanDataViewType => (ValueGetter<bool>)((ref bool value) => value = ((bool[])Output(j))[_row]),
                _ => (ValueGetter<float>)((ref float value) => value = ((float[])Output(j))[_row]),
            };
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"column '{column.Name}' has type {column.Type}, not {typeof(TValue).Name}");
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _main.Dispose();
                _lookahead?.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
