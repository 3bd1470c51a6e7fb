namespace MLNetTemporal.Text;

/// <summary>One line of merges.txt: two byte-level tokens that BPE joins into <see cref="Result"/>.</summary>
public readonly record struct BpeMerge(string Left, string Right)
{
    public string Result => Left + Right;

    public override string ToString() => $"{Left} {Right}";
}
