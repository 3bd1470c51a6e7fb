using MLNetTemporal.LanguageModels;
using MLNetTemporal.TaskSpaces;
using MLNetTemporal.Pipeline;

namespace MLNetTemporal.Catalog;

public sealed partial class TemporalCatalog
{
    /// <summary>Adds log p(good) - log p(bad) and a "good is more probable" flag from two sentence columns.</summary>
    public MinimalPairScoringEstimator ScoreMinimalPairs(LanguageModel model, string goodColumnName = MinimalPairFile.GoodColumn,
        string badColumnName = MinimalPairFile.BadColumn, string differenceColumnName = "LogProbDifference", string correctColumnName = "Correct") =>
        ScoreMinimalPairs(new MinimalPairScoringOptions
        {
            Model = model, InputColumnName = goodColumnName, BadColumnName = badColumnName,
            DifferenceColumnName = differenceColumnName, CorrectColumnName = correctColumnName,
        });

    public MinimalPairScoringEstimator ScoreMinimalPairs(MinimalPairScoringOptions options) => new(Context, options);

    /// <summary>Builds the task space of a model folder over pairs with a task column (FTGD transfer and gradient similarity).</summary>
    public TaskSpaceEstimator TaskSpace(string modelFolder, string taskColumnName = MinimalPairFile.TaskColumn, TaskSpaceMethod method = TaskSpaceMethod.Both) =>
        TaskSpace(new TaskSpaceEstimatorOptions { ModelPath = modelFolder, TaskColumnName = taskColumnName, Study = new TaskSpaceOptions { Method = method } });

    public TaskSpaceEstimator TaskSpace(TaskSpaceEstimatorOptions options) => new(Context, options);
}
