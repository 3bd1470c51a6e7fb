
namespace MLNetTemporal.Studies.Corpus;

/// <summary>Who held a post from <see cref="Start"/> until the day before <see cref="End"/>.</summary>
public sealed record TermOfOffice(string Holder, DateOnly Start, DateOnly End)
{
    public bool Covers(DateOnly date) => date >= Start && date < End;
}
