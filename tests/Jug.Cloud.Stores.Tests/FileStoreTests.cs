using Jug.Cloud.Encoding;
using Jug.Cloud.Hashing;
using Jug.Cloud.Stores.File;

namespace Jug.Cloud.Stores.Tests;

[Trait("Category", "Unit")]
public sealed class FileStoreTests : IDisposable
{
    private readonly DirectoryInfo _parent = Directory.CreateTempSubdirectory("jug-file-");

    private string Root => Path.Combine(_parent.FullName, "run.jugdata");

    private FileJugStore Open(TimeProvider? time = null) =>
        new(new FileStoreOptions { Root = Root, TimeProvider = time ?? TimeProvider.System });

    [Fact]
    public async Task Results_are_sharded_by_the_first_byte_of_their_hash()
    {
        var key = CanonicalHash.OfValue(1);
        await Open().PutAsync(key, ResultCodec.Encode(1));
        var hex = key.ToString();
        Assert.True(System.IO.File.Exists(Path.Combine(Root, "results", hex[..2], hex)));
        Assert.Empty(Directory.GetFiles(Path.Combine(Root, "results", hex[..2]), ".*"));
    }

    [Fact]
    public async Task Opening_and_reading_creates_nothing()
    {
        var store = Open();
        await store.ExistsAsync([CanonicalHash.OfValue(1)]);
        await store.GetAsync(CanonicalHash.OfValue(1));
        await foreach (var _ in store.ListAsync())
        {
        }

        Assert.False(Directory.Exists(Root));
    }

    [Fact]
    public async Task Temporary_files_are_never_listed_or_read_as_results()
    {
        var key = CanonicalHash.OfValue(2);
        var hex = key.ToString();
        var directory = Path.Combine(Root, "results", hex[..2]);
        Directory.CreateDirectory(directory);
        await System.IO.File.WriteAllBytesAsync(Path.Combine(directory, $".{hex}.123.tmp"), [1, 2, 3]);
        var store = Open();
        await foreach (var listed in store.ListAsync())
        {
            Assert.Fail($"listed {listed}");
        }

        Assert.Null(await store.GetAsync(key));
    }

    [Fact]
    public async Task Of_eight_racing_claimers_exactly_one_wins()
    {
        var key = CanonicalHash.OfValue("race");
        var store = Open();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(async () => await store.TryClaimAsync(key, $"owner{i}", TimeSpan.FromMinutes(1)))));
        Assert.Single(results, won => won);
    }

    [Fact]
    public async Task Of_racers_for_an_expired_lock_exactly_one_wins()
    {
        var clock = new FakeTimeProvider();
        var key = CanonicalHash.OfValue("stale");
        var store = Open(clock);
        Assert.True(await store.TryClaimAsync(key, "dead", TimeSpan.FromSeconds(5)));
        clock.Advance(TimeSpan.FromSeconds(6));
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(async () => await store.TryClaimAsync(key, $"owner{i}", TimeSpan.FromMinutes(1)))));
        Assert.Single(results, won => won);
    }

    [Fact]
    public async Task A_scratch_store_without_fsync_still_writes_whole_objects()
    {
        var store = new FileJugStore(new FileStoreOptions { Root = Root, Durable = false });
        var key = CanonicalHash.OfValue(3);
        await store.PutAsync(key, ResultCodec.Encode(new double[1000]));
        Assert.Equal(new double[1000], ResultCodec.Decode<double[]>((await store.GetAsync(key))!));
    }

    public void Dispose() => _parent.Delete(recursive: true);
}
