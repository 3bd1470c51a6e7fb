namespace MLNetTemporal.Probing;

/// <summary>Which positions' residual stream becomes an entity's activation vector.</summary>
public enum ProbePooling
{
    /// <summary>The last token of the entity (positions not shared with the prompt; padding never counts).</summary>
    EntityLastToken,
    /// <summary>The last token of the whole prompt.</summary>
    SequenceLastToken,
    /// <summary>The mean over the entity's tokens; for sentence datasets use an empty prompt, where the entity is the sentence.</summary>
    EntityMean,
}
