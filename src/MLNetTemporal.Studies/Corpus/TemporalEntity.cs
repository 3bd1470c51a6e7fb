
namespace MLNetTemporal.Studies.Corpus;

public enum TemporalEntityKind { Person, Event, Place }

/// <summary>
/// Something the corpus states a year and a place for (a person's birth, an event, a town's founding), so that
/// probes can test whether a model's hidden states encode when and where. <see cref="Year"/> is the birth,
/// event or founding year; the coordinates are those of <see cref="Place"/>.
/// </summary>
public sealed record TemporalEntity(string Name, TemporalEntityKind Kind, int Year, string Place, double Latitude, double Longitude);
