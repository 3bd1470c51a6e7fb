using MLNetTemporal.Training;
using MLNetTemporal.TimeVectors;

namespace MLNetTemporal.Studies.TimeVectors;

/// <summary>
/// Settings of <see cref="TimeStudy"/>. Defaults finish in a few minutes on 2 CPU cores with the built-in tiny model:
/// METHODS.md's fine-tuning recipe (AdamW lr 8e-4, batch 16, blocks of 128, seed 42) but 3 epochs instead of 1, since
/// a year of the built-in corpus is only ~20k tokens (about 11 optimiser steps an epoch).
/// </summary>
public sealed class TimeStudyOptions
{
    /// <summary>Periods to study, in order (null: every period in the data).</summary>
    public IReadOnlyList<string>? Periods { get; set; }

    public TimeGranularity Granularity { get; set; } = TimeGranularity.Year;

    public LanguageModelTrainingOptions Training { get; set; } = new() { Epochs = 3 };

    /// <summary>Interpolation weights of the first period (the last gets 1 - alpha).</summary>
    public IReadOnlyList<double> Alphas { get; set; } = [.. Enumerable.Range(0, 11).Select(i => i / 10.0)];

    /// <summary>Where finished time vectors are kept so an interrupted study resumes (null: beside the output, "&lt;out&gt;.vectors").</summary>
    public string? VectorsFolder { get; set; }
}
