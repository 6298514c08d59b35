using System.Collections.Concurrent;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Reliability.Tests;

/// <summary>
/// What the campaign's tests share: the jugfile (written once, so the CLI builds it once), the real
/// servers, and the results of a clean run per size to compare every faulted run with.
/// </summary>
public sealed class CampaignFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("jugcloud-campaign-");
    private readonly ConcurrentDictionary<int, Task<Dictionary<TaskHash, byte[]?>>> _references = new();

    public TestServices Services { get; } = new();

    public string Root => _root.FullName;

    public string Jugfile { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Jugfile = Jugfiles.Write(Path.Combine(Root, "jugfile"), CampaignJugfile.Body, "campaign.cs");
        await Services.InitializeAsync();

        // azblob:// jugdirs take their account from the environment, in this process and in the
        // jugcloud processes it starts (which keep every variable but JUGCLOUD_*).
        Environment.SetEnvironmentVariable("AZURE_STORAGE_CONNECTION_STRING", Services.Azure);
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        _root.Delete(recursive: true);
    }

    /// <summary>A fresh Redis jugdir (its own key prefix) on the test server.</summary>
    public string NewRedisJugdir() =>
        $"{Services.Redis}{(Services.Redis.Contains('?', StringComparison.Ordinal) ? '&' : '?')}prefix=campaign-{Guid.NewGuid():n}:";

    /// <summary>A fresh S3 jugdir (its own prefix) in the test bucket on s3rver.</summary>
    public string NewS3Jugdir() =>
        Services.S3.Replace("s3://jugcloud-test?", $"s3://jugcloud-test/campaign-{Guid.NewGuid():n}?", StringComparison.Ordinal);

    /// <summary>A fresh Azure Blob jugdir (its own prefix) in the campaign's container on Azurite, created if need be.</summary>
    public async Task<string> NewAzureJugdirAsync()
    {
        await new Azure.Storage.Blobs.BlobServiceClient(Services.Azure).GetBlobContainerClient(AzureContainer).CreateIfNotExistsAsync();
        return $"azblob://{AzureContainer}/campaign-{Guid.NewGuid():n}";
    }

    /// <summary>A cluster of its own (a name in the shared Redis), so runs of different tests never meet.</summary>
    public string NewCluster() =>
        $"{Services.Redis}{(Services.Redis.Contains('?', StringComparison.Ordinal) ? '&' : '?')}cluster=campaign-{Guid.NewGuid():n}";

    private const string AzureContainer = "jugcloud-campaign";

    /// <summary>The results of an undisturbed run of <paramref name="parts"/> parts.</summary>
    public Task<Dictionary<TaskHash, byte[]?>> ReferenceAsync(int parts) => _references.GetOrAdd(parts, async count =>
    {
        var jugdir = Path.Combine(Root, $"reference-{count}");
        var run = await CliRunner.RunAsync(Root, "execute", Jugfile, count.ToString(System.Globalization.CultureInfo.InvariantCulture), "--jugdir", jugdir);
        Assert.True(run.ExitCode == 0, run.ToString());
        var values = await StoredState.ValuesAsync(jugdir);
        Assert.Equal(CampaignJugfile.Results(count), values.Count);
        return values;
    });
}

/// <summary>The campaign's tests run one at a time: each fault already uses every core.</summary>
[CollectionDefinition(Name)]
public sealed class CampaignCollection : ICollectionFixture<CampaignFixture>
{
    public const string Name = "campaign";
}
