using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MLNetTemporal.Training;

namespace MLNetTemporal.TimeVectors;

/// <summary>
/// What determines a fitted time vector besides its base: the period's training texts, in order, and every training
/// setting (learning rate, epochs, seed, block size, ...). A resumed run reuses a saved vector only when this matches,
/// so a rerun on other data or settings into the same folder refits instead of mixing old vectors with new results.
/// </summary>
public static class FitFingerprint
{
    public static string Of(IReadOnlyList<string> trainingTexts, LanguageModelTrainingOptions training)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(JsonSerializer.SerializeToUtf8Bytes(training));
        Span<byte> length = stackalloc byte[sizeof(int)];
        foreach (var text in trainingTexts)
        {
            // Length-prefixed, so ["ab", "c"] and ["a", "bc"] differ.
            var bytes = Encoding.UTF8.GetBytes(text);
            BitConverter.TryWriteBytes(length, bytes.Length);
            sha.AppendData(length);
            sha.AppendData(bytes);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
