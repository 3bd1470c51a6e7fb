using MLNetTemporal.Studies.Corpus;
using MLNetTemporal.TaskSpaces;

namespace MLNetTemporal.Studies.TaskSpaces;

/// <summary>
/// The built-in minimal pairs: a small grammar over the built-in corpus's vocabulary (its places, people, companies,
/// trends and verbs), so the default model is tested on words it has seen. Fifteen tasks in five phenomenon
/// families of three tasks each, named after the BLiMP paradigms they imitate, so same-family and cross-family
/// similarity can be compared. Same seed, same pairs.
/// </summary>
/// <remarks>
/// The families share sentence frames within a family more than across families, as BLiMP's paradigms do; a task
/// space that groups by family may therefore reflect shared words as well as shared structure. The three NPI and
/// filler-gap tasks use words the corpus never shows (ever, any, what), so the default model starts near chance
/// there.
/// </remarks>
public static class BuiltInMinimalPairs
{
    private const string Morphology = "morphology", Syntax = "syntax", Semantics = "semantics";
    private const string Agreement = "subject_verb_agreement", Determiner = "determiner_noun_agreement",
        Npi = "npi_licensing", Arguments = "argument_structure", FillerGap = "filler_gap_dependency";

    /// <summary>Countable people nouns of the corpus (singular, plural).</summary>
    private static readonly (string One, string Many)[] People =
    [
        ("resident", "residents"), ("voter", "voters"), ("engineer", "engineers"), ("shopper", "shoppers"),
        ("investor", "investors"), ("supporter", "supporters"), ("teenager", "teenagers"), ("reviewer", "reviewers"),
        ("analyst", "analysts"), ("fan", "fans"), ("traveller", "travellers"), ("forecaster", "forecasters"),
    ];

    /// <summary>Countable thing nouns of the corpus (singular, plural).</summary>
    private static readonly (string One, string Many)[] Things =
    [
        ("plan", "plans"), ("market", "markets"), ("budget", "budgets"), ("decision", "decisions"), ("library", "libraries"),
        ("tram line", "tram lines"), ("cycle path", "cycle paths"), ("sports hall", "sports halls"), ("phone", "phones"),
        ("app", "apps"), ("tablet", "tablets"), ("street light", "street lights"), ("station", "stations"), ("match", "matches"),
    ];

    /// <summary>Present-tense verb phrases (singular, plural) that the corpus uses after people.</summary>
    private static readonly (string One, string Many)[] Predicates =
    [
        ("is excited about", "are excited about"), ("was excited about", "were excited about"),
        ("complains about", "complain about"), ("has praised", "have praised"), ("keeps talking about", "keep talking about"),
        ("says a lot about", "say a lot about"),
    ];

    private static readonly string[] Transitive = ["praised", "criticised", "welcomed", "visited", "condemned", "applauded", "announced", "signed"];
    private static readonly string[] Intransitive = ["arrived", "rose", "fell", "slumped", "soared", "drew", "smiled", "waited"];
    private static readonly string[] Adjectives = ["new", "old", "larger", "popular", "bold", "quiet"];
    private static readonly string[] Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    /// <summary>Every task's name, family (<c>linguistics_term</c>) and field, in the order generated.</summary>
    public static IReadOnlyList<(string Task, string Term, string Field)> Tasks => Paradigms.Select(p => (p.Task, p.Term, p.Field)).ToArray();

    /// <summary><paramref name="pairsPerTask"/> distinct pairs for each task (fewer only if the grammar runs out).</summary>
    public static IReadOnlyList<MinimalPair> Generate(int pairsPerTask = 100, int seed = 42)
    {
        if (pairsPerTask < 1) throw new ArgumentOutOfRangeException(nameof(pairsPerTask), pairsPerTask, "PairsPerTask must be positive");
        var pairs = new List<MinimalPair>();
        for (int t = 0; t < Paradigms.Length; t++)
        {
            var paradigm = Paradigms[t];
            var random = new Random(unchecked(seed * 7919 + t) & int.MaxValue);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int attempt = 0; attempt < pairsPerTask * 50 && seen.Count < pairsPerTask; attempt++)
            {
                var (good, bad) = paradigm.Make(new Draw(random));
                if (seen.Add(good)) pairs.Add(new MinimalPair(good, bad, paradigm.Task, paradigm.Term, paradigm.Field));
            }
        }
        return pairs;
    }

    private sealed record Paradigm(string Task, string Term, string Field, Func<Draw, (string Good, string Bad)> Make);

    /// <summary>Random choices of the grammar's words.</summary>
    private sealed class Draw(Random random)
    {
        public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
        public bool Coin => random.Next(2) == 0;
        public string Place => Pick(CorpusVocabulary.Places).Name;
        public string Person => $"{Pick(CorpusVocabulary.FirstNames)} {Pick(CorpusVocabulary.LastNames)}";
        public string Company => Pick(CorpusVocabulary.Companies);
        public string Trend => Pick(CorpusVocabulary.Trends).Phrase;
        public string Day => Pick(Days);
        public string Praise => Pick(CorpusVocabulary.PositiveWords.Concat(CorpusVocabulary.NegativeWords).Where(w => !w.Contains(' ')).ToArray());

        /// <summary>A noun phrase of the given number: "the plan" / "the plans".</summary>
        public string Thing(bool plural) { var n = Pick(Things); return "the " + (plural ? n.Many : n.One); }
    }

    private static string Cap(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>Chooses the subject's number; the frame gets it and a verb that agrees (good) or not (bad).</summary>
    private static (string, string) Agree(Draw d, Func<bool, string, string> frame)
    {
        bool plural = d.Coin;
        var verb = d.Pick(Predicates);
        var (right, wrong) = plural ? (verb.Many, verb.One) : (verb.One, verb.Many);
        return (frame(plural, right), frame(plural, wrong));
    }

    private static readonly Paradigm[] Paradigms =
    [
        // Subject-verb agreement: plain, across a prepositional attractor, across a relative-clause attractor.
        new("regular_plural_subject_verb_agreement", Agreement, Morphology, d =>
        {
            var (person, trend) = (d.Pick(People), d.Trend);
            return Agree(d, (plural, verb) => $"The {(plural ? person.Many : person.One)} {verb} {trend}.");
        }),
        new("distractor_agreement_prepositional", Agreement, Morphology, d =>
        {
            var (person, thing, trend) = (d.Pick(People), d.Pick(Things), d.Trend);
            return Agree(d, (plural, verb) => $"The {(plural ? person.Many : person.One)} of the {(plural ? thing.One : thing.Many)} {verb} {trend}.");
        }),
        new("distractor_agreement_relative_clause", Agreement, Morphology, d =>
        {
            var (person, praise, trend) = (d.Pick(People), d.Praise, d.Trend);
            var attractor = d.Pick(People);
            return Agree(d, (plural, verb) => $"The {(plural ? person.Many : person.One)} who {praise} the {(plural ? attractor.One : attractor.Many)} {verb} {trend}.");
        }),

        // Determiner-noun agreement: demonstratives, demonstratives with an adjective, a/many.
        new("determiner_noun_agreement_1", Determiner, Morphology, d =>
        {
            var (who, verb, noun, plural) = (d.Person, d.Praise, d.Pick(Things), d.Coin);
            return plural
                ? ($"{who} {verb} these {noun.Many}.", $"{who} {verb} this {noun.Many}.")
                : ($"{who} {verb} this {noun.One}.", $"{who} {verb} these {noun.One}.");
        }),
        new("determiner_noun_agreement_with_adjective_1", Determiner, Morphology, d =>
        {
            var (who, verb, adjective, noun, plural) = (d.Person, d.Praise, d.Pick(Adjectives), d.Pick(Things), d.Coin);
            return plural
                ? ($"{who} {verb} those {adjective} {noun.Many}.", $"{who} {verb} that {adjective} {noun.Many}.")
                : ($"{who} {verb} that {adjective} {noun.One}.", $"{who} {verb} those {adjective} {noun.One}.");
        }),
        new("determiner_noun_agreement_quantifier", Determiner, Morphology, d =>
        {
            var (mayor, place, noun, plural) = (d.Person, d.Place, d.Pick(Things), d.Coin);
            return plural
                ? ($"Mayor {mayor} of {place} announced plans for many {noun.Many}.", $"Mayor {mayor} of {place} announced plans for many {noun.One}.")
                : ($"Mayor {mayor} of {place} announced plans for a {noun.One}.", $"Mayor {mayor} of {place} announced plans for a {noun.Many}.");
        }),

        // NPI licensing: by sentential negation, by "only", and "any" under negation.
        new("sentential_negation_npi_licensor_present", Npi, Semantics, d =>
        {
            var (who, place, verb, thing) = (d.Pick(People).Many, d.Place, d.Praise, d.Thing(d.Coin));
            return ($"{Cap(who)} in {place} have not ever {verb} {thing}.", $"{Cap(who)} in {place} have really ever {verb} {thing}.");
        }),
        new("only_npi_licensor_present", Npi, Semantics, d =>
        {
            var (who, verb, thing) = (d.Person, d.Praise, d.Thing(d.Coin));
            return ($"Only {who} ever {verb} {thing}.", $"Even {who} ever {verb} {thing}.");
        }),
        new("npi_any_negation", Npi, Semantics, d =>
        {
            var (who, place, noun, day) = (d.Pick(People).Many, d.Place, d.Pick(Things).Many, d.Day);
            return ($"{Cap(who)} in {place} did not see any {noun} on {day}.", $"{Cap(who)} in {place} did see any {noun} on {day}.");
        }),

        // Argument structure: a transitive verb needs its object, an intransitive one takes none, passives need transitives.
        new("transitive", Arguments, Syntax, d =>
        {
            var (who, good, bad, thing, day) = (d.Person, d.Pick(Transitive), d.Pick(Intransitive), d.Thing(d.Coin), d.Day);
            return ($"{who} {good} {thing} on {day}.", $"{who} {bad} {thing} on {day}.");
        }),
        new("intransitive", Arguments, Syntax, d =>
        {
            var (who, good, bad, day) = (d.Coin ? $"Shares in {d.Company}" : d.Person, d.Pick(Intransitive), d.Pick(Transitive), d.Day);
            return ($"{who} {good} on {day}.", $"{who} {bad} on {day}.");
        }),
        new("passive_1", Arguments, Syntax, d =>
        {
            var plural = d.Coin;
            var (thing, good, bad, people, place) = (d.Thing(plural), d.Pick(Transitive), d.Pick(Intransitive), d.Pick(People).Many, d.Place);
            var be = plural ? "were" : "was";
            return ($"{Cap(thing)} {be} {good} by {people} in {place}.", $"{Cap(thing)} {be} {bad} by {people} in {place}.");
        }),

        // Filler-gap dependencies: "that" without a gap, "what" with an object gap, "who" with a subject gap.
        new("wh_vs_that_no_gap", FillerGap, Syntax, d =>
        {
            var (who, mayor, verb, thing) = (d.Pick(People).Many, d.Person, d.Praise, d.Thing(d.Coin));
            return ($"{Cap(who)} said that {mayor} {verb} {thing}.", $"{Cap(who)} said what {mayor} {verb} {thing}.");
        }),
        new("wh_vs_that_with_gap", FillerGap, Syntax, d =>
        {
            var (who, place, mayor, verb) = (d.Pick(People).Many, d.Place, d.Person, d.Praise);
            return ($"{Cap(who)} in {place} know what {mayor} {verb}.", $"{Cap(who)} in {place} know that {mayor} {verb}.");
        }),
        new("wh_questions_subject_gap", FillerGap, Syntax, d =>
        {
            var (who, place, mayor, verb, thing) = (d.Pick(People).Many, d.Place, d.Person, d.Praise, d.Thing(d.Coin));
            return ($"{Cap(who)} in {place} know who {verb} {thing}.", $"{Cap(who)} in {place} know who {mayor} {verb} {thing}.");
        }),
    ];
}
