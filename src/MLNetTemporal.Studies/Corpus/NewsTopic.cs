
namespace MLNetTemporal.Studies.Corpus;

/// <summary>Topic of a generated news sentence; the lower-case name is its label in labeled lines.</summary>
public enum NewsTopic { Sports, Politics, Business, Technology, Weather }

public static class NewsTopicLabels
{
    public static string Label(this NewsTopic topic) => topic.ToString().ToLowerInvariant();
}
