using Jug.Cloud.Storage;
using Jug.Cloud.Stores.S3;
using Xunit.Abstractions;

namespace Jug.Cloud.Stores.Tests.Integration;

/// <summary>The store contract on a real S3-compatible server (s3rver); each test under a prefix of its own.</summary>
[Collection(ServicesCollection.Name)]
[Trait("Category", "Integration")]
public sealed class S3StoreConformanceTests(TestServices services, ITestOutputHelper output) : StoreConformanceTests
{
    private readonly string _prefix = $"t-{Guid.NewGuid():n}";

    private string Uri(string prefix) => WithPath(services.S3, prefix);

    protected override IJugStore CreateStore() => new S3JugStore(S3StoreProvider.ToOptions(StoreLocation.Parse(Uri(_prefix)), Clock));

    [Fact]
    public async Task Objects_live_under_the_prefix()
    {
        await Store.PutAsync(Key(1), Value(1));
        await Store.PutFailureAsync(Failure(1));
        await Store.PutBundleAsync(new string('a', 16), new byte[] { 1 });
        await using var other = new S3JugStore(S3StoreProvider.ToOptions(StoreLocation.Parse(Uri(_prefix + "/elsewhere")), Clock));
        Assert.Null(await other.GetAsync(Key(1)));
        Assert.Equal(Value(1), await Store.GetAsync(Key(1)));
        Assert.Equal(Failure(1), await Store.GetFailureAsync(Key(1)));
        Assert.Equal(new byte[] { 1 }, await Store.GetBundleAsync(new string('a', 16)));
    }

    [Fact]
    public async Task Of_several_takers_of_one_claim_at_most_one_wins()
    {
        for (var round = 0; round < 5; round++)
        {
            var key = Key(100 + round);
            var stores = Enumerable.Range(0, 4).Select(_ => CreateStore()).ToArray();
            var won = await Task.WhenAll(stores.Select((s, i) => s.TryClaimAsync(key, $"owner{i}", TimeSpan.FromMinutes(1)).AsTask()));
            Assert.True(won.Count(w => w) <= 1, $"round {round}: {won.Count(w => w)} takers won");

            // Takers that all backed off leave the claim free: the next one to try gets it.
            var winner = Array.IndexOf(won, true);
            if (winner < 0)
            {
                winner = 3;
                Assert.True(await stores[winner].TryClaimAsync(key, $"owner{winner}", TimeSpan.FromMinutes(1)));
            }

            Assert.Equal($"owner{winner}", Assert.Single(await ClaimsAsync(), c => c.Key == key).Owner);
            Assert.False(await stores[(winner + 1) % 4].TryClaimAsync(key, "late", TimeSpan.FromMinutes(1)));
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// s3rver can keep the checksum of an upload whose client died (the MD5 of nothing) next to a whole
    /// body another client wrote. The SDK then rejects every read; the store's own checksum, carried
    /// in each object's header, decides instead: a whole body is read, a damaged one is still corrupt.
    /// </summary>
    [Fact]
    public async Task A_body_that_never_matches_the_service_checksum_is_judged_by_its_own()
    {
        Assert.False(services.S3DataDirectory is null, "the s3rver under test was not started by infra/services.sh with a known state directory, so its files cannot be reached");
        await Store.PutAsync(Key(1), Value(1));
        var body = Path.Combine(services.S3DataDirectory!, "jugcloud-test", _prefix, "results", $"{Key(1)}._S3rver_object");
        await System.IO.File.WriteAllTextAsync(body + ".md5", "d41d8cd98f00b204e9800998ecf8427e");

        Assert.Equal(Value(1), await Store.GetAsync(Key(1)));

        var damaged = await System.IO.File.ReadAllBytesAsync(body);
        damaged[^1] ^= 0x01;
        await System.IO.File.WriteAllBytesAsync(body, damaged);
        await Assert.ThrowsAsync<CorruptObjectException>(async () => await Store.GetAsync(Key(1)));
    }

    [Fact]
    public async Task A_100_MB_result_round_trips() => await LargeResults.RoundTripAsync(Store, Key(1), 11, output);

    [Theory]
    [InlineData("s3://jugcloud-test/p?endpoint=http://127.0.0.1:1&region=us-east-1", "failed")]
    [InlineData("s3://no-such-bucket-here/p?endpoint={endpoint}&region=us-east-1", "does not exist")]
    [InlineData("s3://jugcloud-test/p?endpoint=ftp://x", "endpoint")]
    [InlineData("s3://jugcloud-test/p?endpiont=http://x", "unknown parameter 'endpiont'")]
    [InlineData("s3://key:hunter2@jugcloud-test/p", "credentials")]
    public async Task Bad_uris_and_unreachable_servers_are_one_line_errors_naming_the_store(string uri, string problem)
    {
        uri = uri.Replace("{endpoint}", new StoreLocationProbe(services.S3).Endpoint, StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<JugStoreException>(async () =>
        {
            await using var store = new StoreRegistry().AddS3Store().Open(uri);
            await store.GetAsync(Key(1));
        });
        Assert.Contains(problem, error.Message);
        Assert.Contains("s3://", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public async Task The_registry_opens_s3_uris_by_scheme()
    {
        await using var opened = new StoreRegistry().AddS3Store(Clock).Open(Uri(_prefix));
        Assert.IsType<S3JugStore>(opened);
        await opened.PutAsync(Key(9), Value(9));
        Assert.Equal(Value(9), await Store.GetAsync(Key(9)));
    }

    public override async Task DisposeAsync()
    {
        await foreach (var key in Store.ListAsync())
        {
            await Store.DeleteAsync(key);
        }

        await base.DisposeAsync();
    }

    /// <summary><c>s3://bucket?query</c> with <paramref name="prefix"/> put in as the path.</summary>
    internal static string WithPath(string s3, string prefix)
    {
        var query = s3.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? $"{s3.TrimEnd('/')}/{prefix}" : $"{s3[..query].TrimEnd('/')}/{prefix}{s3[query..]}";
    }

    private sealed class StoreLocationProbe(string uri)
    {
        public string Endpoint => StoreLocation.Parse(uri).Query["endpoint"];
    }
}
