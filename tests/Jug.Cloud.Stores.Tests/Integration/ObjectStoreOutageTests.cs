using Azure.Storage.Blobs;
using Jug.Cloud.Encoding;
using Jug.Cloud.Hashing;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.Azure;
using Jug.Cloud.Stores.S3;

namespace Jug.Cloud.Stores.Tests.Integration;

/// <summary>
/// The object stores (S3 on s3rver, Azure Blob on Azurite) through a relay that refuses connections
/// for a while, as while the service restarts: a store that has answered before waits the outage out
/// (up to its <c>RetryFor</c>), longer than its SDK's own retries would.
/// </summary>
[Collection(ServicesCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ObjectStoreOutageTests(TestServices services)
{
    private const string Container = "jugcloud-outage";

    /// <summary>
    /// Longer than either SDK's own retries, with a wide margin: on a busy machine the S3 SDK's five
    /// retries against refused connections take up to about 25 s, Azure's about 8 s.
    /// </summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(45);

    /// <summary>Both stores at once, so the long outage is waited for once.</summary>
    [Fact]
    public async Task A_store_rides_out_an_outage_longer_than_its_sdk_retries() =>
        await Task.WhenAll(RidesOutAsync("s3"), RidesOutAsync("azure"));

    private async Task RidesOutAsync(string kind)
    {
        await using var proxy = OutageProxy.Start(ServicePort(kind));
        await using var store = await OpenAsync(kind, proxy.Port, TimeSpan.FromMinutes(2));
        await store.PutAsync(Key(1), Value(1));

        proxy.Down();
        var put = store.PutAsync(Key(2), Value(2)).AsTask();
        var read = store.GetAsync(Key(1)).AsTask();
        await Task.WhenAny(put, Task.Delay(Outage));
        Assert.False(put.IsFaulted, $"{kind}: the write failed during the outage: {put.Exception?.InnerException?.Message}");
        Assert.False(read.IsFaulted, $"{kind}: the read failed during the outage: {read.Exception?.InnerException?.Message}");
        proxy.Up();

        await put.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(Value(1), await read.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(Value(2), await store.GetAsync(Key(2)));
    }

    [Theory]
    [InlineData("s3")]
    [InlineData("azure")]
    public async Task An_outage_longer_than_RetryFor_is_one_line_naming_the_store(string kind)
    {
        await using var proxy = OutageProxy.Start(ServicePort(kind));
        await using var store = await OpenAsync(kind, proxy.Port, TimeSpan.FromSeconds(2));
        await store.PutAsync(Key(1), Value(1));

        proxy.Down();
        var error = await Assert.ThrowsAsync<JugStoreException>(async () => await store.PutAsync(Key(2), Value(2)).AsTask().WaitAsync(TimeSpan.FromMinutes(2)));
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains(kind == "s3" ? "S3 store" : "Azure Blob store", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s3")]
    [InlineData("azure")]
    public async Task A_store_that_never_answered_fails_without_waiting_for_an_outage_to_end(string kind)
    {
        await using var proxy = OutageProxy.Start(ServicePort(kind));
        await using var store = await OpenAsync(kind, proxy.Port, TimeSpan.FromMinutes(10));
        proxy.Down();

        // Nothing was ever reached: a wrong address, not an outage. The SDK's own retries take seconds;
        // waiting out RetryFor would take ten minutes.
        var error = await Assert.ThrowsAsync<JugStoreException>(async () => await store.PutAsync(Key(1), Value(1)).AsTask().WaitAsync(TimeSpan.FromMinutes(3)));
        Assert.DoesNotContain('\n', error.Message);
    }

    private static TaskHash Key(int i) => CanonicalHash.OfValue($"outage {i}");

    private static byte[] Value(int i) => ResultCodec.Encode(i);

    private int ServicePort(string kind) => kind == "s3"
        ? new Uri(StoreLocation.Parse(services.S3).Query["endpoint"]).Port
        : new Uri(ConnectionPart("BlobEndpoint")).Port;

    private string ConnectionPart(string name) =>
        services.Azure.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).Single(p => p[0] == name)[1];

    /// <summary>A store of <paramref name="kind"/> under a prefix of its own, reaching its service through the relay on <paramref name="port"/>.</summary>
    private async Task<IJugStore> OpenAsync(string kind, int port, TimeSpan retryFor)
    {
        var prefix = $"outage-{Guid.NewGuid():n}";
        if (kind == "s3")
        {
            var endpoint = new Uri(StoreLocation.Parse(services.S3).Query["endpoint"]);
            var uri = services.S3.Replace("s3://jugcloud-test?", $"s3://jugcloud-test/{prefix}?", StringComparison.Ordinal)
                .Replace($":{endpoint.Port}", $":{port}", StringComparison.Ordinal);
            return new S3JugStore(S3StoreProvider.ToOptions(StoreLocation.Parse(uri)) with { RetryFor = retryFor });
        }

        await new BlobServiceClient(services.Azure).GetBlobContainerClient(Container).CreateIfNotExistsAsync();
        var endpointText = ConnectionPart("BlobEndpoint");
        var relayed = services.Azure.Replace(endpointText, endpointText.Replace($":{new Uri(endpointText).Port}", $":{port}", StringComparison.Ordinal), StringComparison.Ordinal);
        var options = new AzureBlobStoreProvider(relayed).ToOptions(StoreLocation.Parse($"azblob://{Container}/{prefix}"));
        return new AzureBlobJugStore(options with { RetryFor = retryFor });
    }
}
