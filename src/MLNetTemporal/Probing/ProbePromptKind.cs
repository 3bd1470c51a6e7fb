namespace MLNetTemporal.Probing;

/// <summary>The prompt variants of Gurnee and Tegmark (2023): what comes before (and around) the entity.</summary>
public enum ProbePromptKind
{
    /// <summary>The entity alone after the start token.</summary>
    Empty,
    /// <summary>A descriptive template: a prefix ("When was the release date of "), or text with <c>{entity}</c> in it.</summary>
    Template,
    /// <summary>Random token ids (seeded, the same for every entity) between the start token and the entity.</summary>
    Random,
    /// <summary>The entity upper-cased, with no prefix.</summary>
    AllCaps,
}
