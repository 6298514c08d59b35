using Jug.Cloud.Encoding;
using Jug.Cloud.Hashing;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.File;

namespace Jug.Cloud.Stores.Tests;

/// <summary>
/// Packs: the small results of one group commit in one file. Two store objects on one jugdir stand for
/// two processes (neither shares memory with the other).
/// </summary>
[Trait("Category", "Unit")]
public sealed class FilePackTests : IDisposable
{
    private readonly DirectoryInfo _parent = Directory.CreateTempSubdirectory("jug-pack-");

    private string Root => Path.Combine(_parent.FullName, "run.jugdata");

    private string Packs => Path.Combine(Root, "results", "packs");

    private FileJugStore Open(bool durable = true)
    {
        var store = new FileJugStore(new FileStoreOptions { Root = Root, Durable = durable });
        store.SetWritingAlone(true);
        return store;
    }

    private static TaskHash Key(object value) => CanonicalHash.OfValue(value);

    private static KeyValuePair<TaskHash, ReadOnlyMemory<byte>>[] Results(int from, int count) =>
        [.. Enumerable.Range(from, count).Select(i => new KeyValuePair<TaskHash, ReadOnlyMemory<byte>>(Key(i), ResultCodec.Encode(i)))];

    private static async Task<List<TaskHash>> ListAsync(IJugStore store)
    {
        var keys = new List<TaskHash>();
        await foreach (var key in store.ListAsync())
        {
            keys.Add(key);
        }

        return keys;
    }

    [Fact]
    public async Task A_group_of_small_results_is_one_pack_file_that_another_process_reads()
    {
        var writer = Open();
        var reader = Open();
        Assert.Equal(new[] { false }, await reader.ExistsAsync([Key(0)]));

        await writer.PutManyAsync(Results(0, 200));

        Assert.Single(Directory.GetFiles(Packs, "*.pack"));
        Assert.Equal(["packs"], Directory.GetFileSystemEntries(Path.Combine(Root, "results")).Select(Path.GetFileName));
        Assert.All(await reader.ExistsAsync([.. Enumerable.Range(0, 200).Select(i => Key(i))]), Assert.True);
        Assert.Equal(123, ResultCodec.Decode<int>((await reader.GetAsync(Key(123)))!));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => Key(i)).Order(), (await ListAsync(Open())).Order());
        Assert.Empty(Directory.EnumerateFiles(Root, ".*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_result_over_the_pack_limit_gets_its_own_file_beside_the_pack()
    {
        var store = Open();
        var big = new byte[FileJugStore.PackedResultLimit + 1];
        big[^1] = 7;
        await store.PutManyAsync([.. Results(0, 3), new(Key("big"), ResultCodec.Encode(big))]);

        var hex = Key("big").ToString();
        Assert.True(System.IO.File.Exists(Path.Combine(Root, "results", hex[..2], hex)));
        Assert.Equal(7, ResultCodec.Decode<byte[]>((await Open().GetAsync(Key("big")))!)[^1]);
        Assert.Equal(4, (await ListAsync(store)).Count);
    }

    [Fact]
    public async Task Deleting_rewrites_the_pack_without_the_result_and_keeps_the_others()
    {
        var writer = Open();
        await writer.PutManyAsync(Results(0, 100));
        var other = Open();
        Assert.True((await other.ExistsAsync([Key(5)]))[0]);

        Assert.True(await writer.DeleteAsync(Key(5)));
        Assert.False(await writer.DeleteAsync(Key(5)));
        Assert.Equal(40, await writer.DeleteManyAsync([.. Enumerable.Range(10, 40).Select(i => Key(i)), Key("never stored")]));

        // The other process indexed the old pack; it notices it is gone.
        Assert.Null(await other.GetAsync(Key(5)));
        Assert.Null(await other.GetAsync(Key(20)));
        Assert.Equal(99, ResultCodec.Decode<int>((await other.GetAsync(Key(99)))!));
        Assert.Equal(new[] { false, false, true }, await other.ExistsAsync([Key(5), Key(49), Key(50)]));
        Assert.Equal(59, (await ListAsync(Open())).Count);
        Assert.Single(Directory.GetFiles(Packs, "*.pack"));
        Assert.Empty(Directory.EnumerateFiles(Root, ".*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Deleting_every_result_of_a_pack_removes_the_file()
    {
        var store = Open();
        await store.PutManyAsync(Results(0, 10));
        Assert.Equal(10, await store.DeleteManyAsync([.. Enumerable.Range(0, 10).Select(i => Key(i))]));
        Assert.Empty(Directory.GetFiles(Packs));
        Assert.Empty(await ListAsync(store));
    }

    [Fact]
    public async Task A_result_stored_twice_is_removed_from_every_pack()
    {
        await Open().PutManyAsync(Results(0, 10));
        await Open().PutManyAsync(Results(5, 10));
        var store = Open();
        Assert.Equal(15, (await ListAsync(store)).Count);

        Assert.True(await store.DeleteAsync(Key(7)));

        Assert.Null(await Open().GetAsync(Key(7)));
        Assert.Equal(new[] { false }, await Open().ExistsAsync([Key(7)]));
        Assert.Equal(14, (await ListAsync(Open())).Count);
    }

    [Fact]
    public async Task A_cut_off_pack_is_ignored_and_a_damaged_result_in_a_pack_is_corrupt()
    {
        await Open().PutManyAsync(Results(0, 10));
        var pack = Directory.GetFiles(Packs).Single();
        var content = await System.IO.File.ReadAllBytesAsync(pack);

        // A damaged object: flip a byte of the first result's payload (just after the pack's magic and the object's header).
        content[8 + StoredObject.HeaderSize] ^= 0xFF;
        await System.IO.File.WriteAllBytesAsync(pack, content);
        var error = await Assert.ThrowsAsync<CorruptObjectException>(async () => await Open().GetAsync(Key(0)));
        Assert.Contains(Key(0).ToString(), error.Message);
        Assert.Equal(1, ResultCodec.Decode<int>((await Open().GetAsync(Key(1)))!));

        // A cut-off pack (a crash of a non-durable jugdir): nothing in it is reported present.
        await System.IO.File.WriteAllBytesAsync(pack, content[..^10]);
        Assert.All(await Open().ExistsAsync([.. Enumerable.Range(0, 10).Select(i => Key(i))]), Assert.False);
        Assert.Null(await Open().GetAsync(Key(1)));
    }

    [Fact]
    public async Task Packs_are_written_whole_in_a_scratch_jugdir_too()
    {
        var store = Open(durable: false);
        await store.PutManyAsync(Results(0, 50));
        Assert.Equal(49, ResultCodec.Decode<int>((await Open().GetAsync(Key(49)))!));
    }

    [Fact]
    public async Task A_process_sharing_the_jugdir_writes_a_file_per_result()
    {
        var store = Open();
        store.SetWritingAlone(false);
        await store.PutManyAsync(Results(0, 3));
        Assert.False(Directory.Exists(Packs));
        var hex = Key(2).ToString();
        Assert.True(System.IO.File.Exists(Path.Combine(Root, "results", hex[..2], hex)));
    }

    public void Dispose() => _parent.Delete(recursive: true);
}
