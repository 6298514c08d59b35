using System.Text.Json;

namespace Jug.Cloud.Reliability.Tests;

/// <summary>
/// What one fault kind did: how many faults were tried and how many results were lost, ran twice
/// after they were stored, or came back wrong; anything else that happened is counted by name in
/// <see cref="Other"/>.
/// </summary>
public sealed class CampaignResult(string kind, string store, int seed)
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    public string Kind { get; } = kind;

    public string Store { get; } = store;

    public int Seed { get; } = seed;

    public string Size { get; } = CampaignSize.Current.Name;

    public int Tried { get; set; }

    public int Lost { get; set; }

    public int Duplicated { get; set; }

    public int CorruptReturned { get; set; }

    public SortedDictionary<string, int> Other { get; } = new(StringComparer.Ordinal);

    public double Seconds { get; private set; }

    /// <summary>Details that explain a non-zero count (first few only).</summary>
    public List<string> Notes { get; } = [];

    public void Count(string outcome, int by = 1) => Other[outcome] = Other.GetValueOrDefault(outcome) + by;

    public void Note(string note)
    {
        lock (Notes)
        {
            if (Notes.Count < 20)
            {
                Notes.Add(note);
            }
        }
    }

    /// <summary>Where the records go: JUGCLOUD_CAMPAIGN_RESULTS, else a directory under the temporary directory.</summary>
    public static string Directory =>
        Environment.GetEnvironmentVariable("JUGCLOUD_CAMPAIGN_RESULTS") is { Length: > 0 } directory
            ? directory
            : Path.Combine(Path.GetTempPath(), "jugcloud-campaign-results");

    /// <summary>Stops the clock and writes the record as <c>&lt;kind&gt;-&lt;store&gt;.json</c>; returns its path.</summary>
    public string Write()
    {
        Seconds = Math.Round(_clock.Elapsed.TotalSeconds, 1);
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, $"{Kind}-{Store}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(this, Options));
        return path;
    }

    /// <summary>Asserts the bar: nothing lost, nothing run again after it was stored, nothing wrong returned.</summary>
    public void AssertBar()
    {
        var record = JsonSerializer.Serialize(this, Options);
        Assert.True(Lost == 0, $"lost results: {record}");
        Assert.True(Duplicated == 0, $"duplicated runs: {record}");
        Assert.True(CorruptReturned == 0, $"corrupt values returned: {record}");
    }

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.KebabCaseLower };
}
