using MLNetTemporal.Data;

namespace MLNetTemporal.Studies.Corpus;

/// <summary>A sentence with what it is about and, where its wording makes it clear, whether it is good or bad news.</summary>
internal readonly record struct GeneratedSentence(NewsTopic Topic, string Text, bool? Positive = null);
