using Azure.Storage.Blobs;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.Azure;
using Xunit.Abstractions;

namespace Jug.Cloud.Stores.Tests.Integration;

/// <summary>The store contract on Azurite; each test in a container of its own, removed afterwards.</summary>
[Collection(ServicesCollection.Name)]
[Trait("Category", "Integration")]
public sealed class AzureBlobStoreConformanceTests(TestServices services, ITestOutputHelper output) : StoreConformanceTests
{
    private readonly string _container = $"t{Guid.NewGuid():n}";

    private BlobContainerClient Container => new BlobServiceClient(services.Azure).GetBlobContainerClient(_container);

    private AzureBlobStoreProvider Provider => new(services.Azure, Clock);

    protected override IJugStore CreateStore() => Provider.Open(StoreLocation.Parse($"azblob://{_container}/run"));

    public override async Task InitializeAsync()
    {
        await Container.CreateAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Container.DeleteIfExistsAsync();
    }

    [Fact]
    public async Task Blobs_live_under_the_prefix()
    {
        await Store.PutAsync(Key(1), Value(1));
        await Store.TryClaimAsync(Key(1), "me", TimeSpan.FromMinutes(1));
        await Store.PutFailureAsync(Failure(1));
        await Store.AppendRunsAsync([Run(1)]);
        await Store.PutBundleAsync(new string('a', 16), new byte[] { 1 });

        var names = new List<string>();
        await foreach (var blob in Container.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        Assert.Equal(
            new[] { "run/bundles/aaaaaaaaaaaaaaaa", $"run/claims/{Key(1)}", $"run/failures/{Key(1)}", $"run/results/{Key(1)}" },
            names.Where(n => !n.StartsWith("run/runs/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Single(names, n => n.StartsWith("run/runs/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Of_racing_takers_of_one_claim_exactly_one_wins()
    {
        for (var round = 0; round < 5; round++)
        {
            var key = Key(100 + round);
            var stores = Enumerable.Range(0, 6).Select(_ => CreateStore()).ToArray();
            var won = await Task.WhenAll(stores.Select((s, i) => s.TryClaimAsync(key, $"owner{i}", TimeSpan.FromMinutes(1)).AsTask()));
            var winner = Assert.Single(Enumerable.Range(0, 6), i => won[i]);
            Assert.Equal($"owner{winner}", Assert.Single(await ClaimsAsync(), c => c.Key == key).Owner);
        }
    }

    [Fact]
    public async Task Of_racers_for_an_expired_claim_exactly_one_takes_it_over()
    {
        Assert.True(await Store.TryClaimAsync(Key(1), "dead", TimeSpan.FromSeconds(5)));
        Clock.Advance(TimeSpan.FromSeconds(6));
        var stores = Enumerable.Range(0, 6).Select(_ => CreateStore()).ToArray();
        var won = await Task.WhenAll(stores.Select((s, i) => s.TryClaimAsync(Key(1), $"owner{i}", TimeSpan.FromMinutes(1)).AsTask()));
        var winner = Assert.Single(Enumerable.Range(0, 6), i => won[i]);
        Assert.Equal($"owner{winner}", Assert.Single(await ClaimsAsync()).Owner);
        Assert.False(await Store.RenewClaimAsync(Key(1), "dead", TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task A_100_MB_result_round_trips() => await LargeResults.RoundTripAsync(Store, Key(1), 13, output);

    [Fact]
    public async Task A_missing_container_is_one_line_naming_it()
    {
        await using var store = Provider.Open(StoreLocation.Parse("azblob://no-such-container/run"));
        var error = await Assert.ThrowsAsync<JugStoreException>(async () => await store.PutAsync(Key(1), Value(1)));
        Assert.Contains("'no-such-container', which does not exist", error.Message);
        await Assert.ThrowsAsync<JugStoreException>(async () => await store.ExistsAsync([Key(1)]));
        Assert.Contains("azblob://no-such-container/run", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task An_unreachable_service_is_one_line_without_the_key()
    {
        var unreachable = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=c2VjcmV0;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;";
        await using var store = new AzureBlobStoreProvider(unreachable).Open(StoreLocation.Parse("azblob://somewhere/run"));
        var error = await Assert.ThrowsAsync<JugStoreException>(async () => await store.GetAsync(Key(1)));
        Assert.StartsWith("The Azure Blob store azblob://somewhere/run failed", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain("c2VjcmV0", error.Message);
    }

    [Theory]
    [InlineData("azblob://Bad_Name/run", "not a valid container name")]
    [InlineData("azblob://container/run?sig=hunter2", "takes no credentials")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1", "names no container")]
    public void Bad_uris_are_one_line_errors_naming_the_store(string uri, string problem)
    {
        var error = Assert.Throws<JugStoreException>(() => new StoreRegistry().AddAzureBlobStore(services.Azure).Open(uri));
        Assert.Contains(problem, error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public async Task Without_a_connection_string_azblob_says_where_to_put_one()
    {
        var saved = AzureBlobStoreProvider.ConnectionStringVariables.Select(Environment.GetEnvironmentVariable).ToArray();
        try
        {
            foreach (var name in AzureBlobStoreProvider.ConnectionStringVariables)
            {
                Environment.SetEnvironmentVariable(name, null);
            }

            var error = Assert.Throws<JugStoreException>(() => new StoreRegistry().AddAzureBlobStore().Open("azblob://container/run"));
            Assert.Contains("JUGCLOUD_AZURE_CONNECTION_STRING", error.Message);

            Environment.SetEnvironmentVariable("JUGCLOUD_AZURE_CONNECTION_STRING", services.Azure);
            await using var store = new StoreRegistry().AddAzureBlobStore().Open($"azblob://{_container}/run");
            await store.PutAsync(Key(5), Value(5));
            Assert.Equal(Value(5), await Store.GetAsync(Key(5)));
        }
        finally
        {
            for (var i = 0; i < saved.Length; i++)
            {
                Environment.SetEnvironmentVariable(AzureBlobStoreProvider.ConnectionStringVariables[i], saved[i]);
            }
        }
    }

    [Fact]
    public async Task A_blob_service_url_with_the_account_in_the_path_opens_the_same_container()
    {
        var endpoint = services.Azure.Split(';').Single(p => p.StartsWith("BlobEndpoint=", StringComparison.Ordinal))["BlobEndpoint=".Length..].TrimEnd('/');
        await using var store = new StoreRegistry().AddAzureBlobStore(services.Azure).Open($"{endpoint}/{_container}/run");
        await store.PutAsync(Key(6), Value(6));
        Assert.Equal(Value(6), await Store.GetAsync(Key(6)));
    }
}
