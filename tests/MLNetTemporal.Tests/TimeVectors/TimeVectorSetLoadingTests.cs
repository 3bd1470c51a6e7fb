using FluentAssertions;
using MLNetTemporal.LanguageModels;
using MLNetTemporal.Tests.TestSupport;
using MLNetTemporal.TimeVectors;
using MLNetTemporal.WeightSpace;
using Xunit;
using static MLNetTemporal.Tests.WeightSpace.WeightSpaceModels;

namespace MLNetTemporal.Tests.TimeVectors;

/// <summary>A set from loose paths: a saved set folder, folders of vector files, or the files themselves.</summary>
public sealed class TimeVectorSetLoadingTests
{
    /// <summary>2012 and 2016 vectors of one base (other seeds minus it), each in its own file of <c>vectors/</c>.</summary>
    private static string SaveVectors(TempFolder temp, LanguageModel baseModel)
    {
        var folder = Directory.CreateDirectory(temp.File("vectors")).FullName;
        foreach (var (period, seed) in new[] { ("2016", 3L), ("2012", 2L) })
        {
            using var tuned = Model(seed);
            using var tau = WeightVector.Difference(tuned, baseModel, new WeightVectorMetadata { Period = period });
            tau.Save(Path.Combine(folder, $"{period}.safetensors"));
        }
        return folder;
    }

    [Fact]
    public void A_folder_its_files_and_a_saved_set_load_the_same_periods_of_the_same_base()
    {
        using var temp = new TempFolder();
        using var baseModel = Model(1);
        var folder = SaveVectors(temp, baseModel);

        using var fromFolder = TimeVectorSet.Load([folder]);
        using var fromFiles = TimeVectorSet.Load([Path.Combine(folder, "2016.safetensors"), Path.Combine(folder, "2012.safetensors")]);
        fromFolder.Save(temp.File("set"));
        using var fromSet = TimeVectorSet.Load([temp.File("set")]);

        foreach (var set in new[] { fromFolder, fromFiles, fromSet })
        {
            set.Periods.Should().Equal("2012", "2016");
            set.BaseHash.Should().Be(ModelWeights.Hash(baseModel));
        }
        WeightVector.Cosine(fromFiles["2016"], fromSet["2016"]).Should().BeApproximately(1, 1e-9);
    }

    [Fact]
    public void A_vector_of_another_base_or_without_a_period_names_its_file()
    {
        using var temp = new TempFolder();
        using var baseModel = Model(1);
        var folder = SaveVectors(temp, baseModel);
        using (var otherBase = Model(9))
        using (var tuned = Model(2))
        {
            using (var foreign = WeightVector.Difference(tuned, otherBase, new WeightVectorMetadata { Period = "2020" }))
                foreign.Save(temp.File("2020.safetensors"));
            using (var undated = WeightVector.Difference(tuned, baseModel))
                undated.Save(temp.File("undated.safetensors"));
        }

        var mixed = () => TimeVectorSet.Load([folder, temp.File("2020.safetensors")]);
        mixed.Should().Throw<InvalidDataException>().Which.Message.Should().Contain("2020.safetensors").And.Contain("base");
        var undatedLoad = () => TimeVectorSet.Load([temp.File("undated.safetensors")]);
        undatedLoad.Should().Throw<InvalidDataException>().Which.Message.Should().Contain("undated.safetensors").And.Contain("period");
        var empty = () => TimeVectorSet.Load([Directory.CreateDirectory(temp.File("empty")).FullName]);
        empty.Should().Throw<FileNotFoundException>().Which.Message.Should().Contain("no .safetensors vector");
    }
}
