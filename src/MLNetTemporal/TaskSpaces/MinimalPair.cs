namespace MLNetTemporal.TaskSpaces;

/// <summary>
/// One minimal pair of a linguistic task: a grammatical sentence and an ungrammatical one that differ only in the
/// phenomenon the task tests (BLiMP's <c>sentence_good</c>/<c>sentence_bad</c>).
/// </summary>
/// <param name="Good">The acceptable sentence.</param>
/// <param name="Bad">The unacceptable sentence.</param>
/// <param name="Task">The task (BLiMP's <c>UID</c>, e.g. <c>distractor_agreement_relative_clause</c>).</param>
/// <param name="Term">The phenomenon family (BLiMP's <c>linguistics_term</c>), used as the default grouping.</param>
/// <param name="Field">The broader area (BLiMP's <c>field</c>: morphology, syntax, semantics...), optional.</param>
public sealed record MinimalPair(string Good, string Bad, string Task, string Term, string? Field = null);
