using MLNetTemporal.LanguageModels;
using MLNetTemporal.Training;
using MLNetTemporal.WeightSpace;

namespace MLNetTemporal.TimeVectors;

/// <summary>Where fitting is: the period being fine-tuned (index of count), and its training progress.</summary>
public readonly record struct TimeVectorProgress(string Period, int Index, int Count, TrainingProgress? Training, bool Resumed);

/// <summary>Fine-tunes a copy of the base per period and keeps <c>ft - base</c>; resumable through a folder.</summary>
public static class TimeVectorFitting
{
    /// <summary>
    /// One time vector per period. With <paramref name="resumeFolder"/>, each finished vector is written there at once
    /// (atomically, so an interrupted write never looks complete) and vectors already there for this base and period
    /// are reused only when fitted on the same texts with the same settings (<see cref="FitFingerprint"/>).
    /// </summary>
    public static TimeVectorSet Fit(LanguageModel baseModel, IReadOnlyList<PeriodTexts> periods, LanguageModelTrainingOptions training,
        string? resumeFolder = null, IProgress<TimeVectorProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (periods.Count == 0) throw new ArgumentException("no periods to fit", nameof(periods));
        var baseHash = ModelWeights.Hash(baseModel);
        var set = new TimeVectorSet(baseHash);
        try
        {
            if (resumeFolder is not null) Directory.CreateDirectory(resumeFolder);
            for (int i = 0; i < periods.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var p = periods[i];
                var saved = resumeFolder is null ? null : TimeVectorSet.FileOf(resumeFolder, p.Period);
                if (saved is not null && File.Exists(saved))
                {
                    var previous = WeightVector.Load(saved);
                    if (previous.Metadata.BaseHash == baseHash && previous.Metadata.Period == p.Period
                        && previous.Metadata.Fingerprint == FitFingerprint.Of(p.Train, training))
                    {
                        set.Add(previous);
                        progress?.Report(new TimeVectorProgress(p.Period, i, periods.Count, null, Resumed: true));
                        continue;
                    }
                    previous.Dispose();
                }
                var vector = FitOne(baseModel, p, training, new Progress(progress, p.Period, i, periods.Count), cancellationToken);
                if (saved is not null) vector.Save(saved);
                set.Add(vector);
            }
            return set;
        }
        catch
        {
            set.Dispose();
            throw;
        }
    }

    /// <summary>Fine-tunes a copy of the base on one period's training rows and returns its time vector.</summary>
    public static WeightVector FitOne(LanguageModel baseModel, PeriodTexts period, LanguageModelTrainingOptions training,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var blocks = baseModel.ToBlocks(period.Train, training.BlockSize, keepPartialLastBlock: false);
        if (blocks.Count == 0)
            throw new InvalidDataException($"period {period.Period} has too little text: its {period.Train.Count} training rows make no full block of {training.BlockSize} tokens");
        using var tuned = baseModel.Clone();
        LanguageModelTrainer.Train(tuned.Module, blocks, null, training, progress, cancellationToken);
        return WeightVector.Difference(tuned, baseModel, new WeightVectorMetadata
        {
            Period = period.Period, Rows = period.Train.Count, Tokens = blocks.TokenCount, Fingerprint = FitFingerprint.Of(period.Train, training),
        });
    }

    private sealed class Progress(IProgress<TimeVectorProgress>? outer, string period, int index, int count) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => outer?.Report(new TimeVectorProgress(period, index, count, value, false));
    }
}
