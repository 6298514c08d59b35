using Jug.Cloud.Client;
using Jug.Cloud.Encoding;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.File;
using Jug.Cloud.Stores.Memory;

namespace Jug.Cloud.Cli.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class StoreVerifierTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("jugcloud-verify-");
    private readonly FileJugStore _store;

    public StoreVerifierTests() => _store = new FileJugStore(new FileStoreOptions { Root = _root.FullName, Durable = false });

    [Fact]
    public async Task A_clean_jugdir_verifies_and_counts_every_kind()
    {
        await PutPackedAsync(Key(1), Key(2));
        await _store.PutAsync(Key(3), ResultCodec.Encode(3));
        await _store.PutFailureAsync(Failure(Key(4)));
        await _store.AppendRunsAsync([new RunRecord(Key(1), "T.M", "w", DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1), 1, true)]);
        await _store.PutBundleAsync(new string('a', 64), new byte[] { 1, 2, 3 });

        var report = await StoreVerifier.VerifyAsync(_store, repair: false);

        Assert.True(report.Clean);
        Assert.False(report.OnlyResults);
        Assert.Equal(3, Row(report, StoredObjectKind.Result).Intact);
        Assert.Equal(1, Row(report, StoredObjectKind.FailureRecord).Intact);
        Assert.Equal(1, Row(report, StoredObjectKind.RunLog).Intact);
        Assert.Equal(1, Row(report, StoredObjectKind.Bundle).Intact);
    }

    [Fact]
    public async Task Flipped_bytes_in_a_result_file_a_pack_entry_and_a_failure_record_are_each_found_and_repair_removes_just_them()
    {
        await PutPackedAsync(Key(1), Key(2), Key(3));
        await _store.PutAsync(Key(5), ResultCodec.Encode(5));
        await _store.PutFailureAsync(Failure(Key(6)));
        var pack = Assert.Single(Directory.GetFiles(Path.Combine(_root.FullName, "results", "packs"), "*.pack"));
        FlipBytes(pack, 10);
        FlipBytes(Directory.GetFiles(Path.Combine(_root.FullName, "results"), Key(5).ToString(), SearchOption.AllDirectories).Single(), 10);
        FlipBytes(Path.Combine(_root.FullName, "failures", Key(6) + ".json"), 30);

        var found = await StoreVerifier.VerifyAsync(_store, repair: false);

        Assert.False(found.Clean);
        Assert.Equal(2, Row(found, StoredObjectKind.Result).Corrupt);
        Assert.Equal(2, Row(found, StoredObjectKind.Result).Intact);
        Assert.Equal(1, Row(found, StoredObjectKind.FailureRecord).Corrupt);
        Assert.Equal(0, found.Counts.Sum(c => c.Removed));
        Assert.Contains(Key(5), found.CorruptResults);

        var repaired = await StoreVerifier.VerifyAsync(_store, repair: true);

        Assert.Equal(3, repaired.Counts.Sum(c => c.Removed));
        Assert.True((await StoreVerifier.VerifyAsync(_store, repair: false)).Clean);
        Assert.Null(await _store.GetAsync(Key(5)));
        Assert.Null(await _store.GetFailureAsync(Key(6)));
        var kept = found.CorruptResults.Contains(Key(1)) ? Key(2) : Key(1);
        Assert.NotNull(await _store.GetAsync(kept));
        Assert.Equal(2, await _store.ListAsync().CountAsync());
    }

    [Fact]
    public async Task Status_with_verify_counts_a_corrupt_result_as_not_done()
    {
        var graph = new SmallGraph();
        await SmallGraph.MarkDoneAsync(_store, graph.Other);
        FlipBytes(Directory.GetFiles(Path.Combine(_root.FullName, "results"), graph.Other.Hash.ToString(), SearchOption.AllDirectories).Single(), 10);

        var plain = await GraphStatus.ComputeAsync(graph.Graph, _store);
        var verified = await StoreVerifier.VerifyAsync(_store, repair: false);
        var checkedStatus = await GraphStatus.ComputeAsync(graph.Graph, _store, verified.CorruptResults);

        Assert.Equal(1, plain.Total.Done);
        Assert.Equal(0, checkedStatus.Total.Done);
    }

    [Fact]
    public async Task A_store_without_an_audit_checks_its_results_only()
    {
        await using var memory = new MemoryJugStore();
        await memory.PutAsync(Key(1), ResultCodec.Encode(1));

        var report = await StoreVerifier.VerifyAsync(memory, repair: false);

        Assert.True(report.OnlyResults);
        Assert.Equal(1, Assert.Single(report.Counts).Intact);
    }

    public void Dispose() => _root.Delete(recursive: true);

    private async Task PutPackedAsync(params TaskHash[] keys)
    {
        _store.SetWritingAlone(true);
        await _store.PutManyAsync([.. keys.Select(k => new KeyValuePair<TaskHash, ReadOnlyMemory<byte>>(k, ResultCodec.Encode(new string('x', 40))))]);
        _store.SetWritingAlone(false);
    }

    private static void FlipBytes(string path, int offset)
    {
        var bytes = File.ReadAllBytes(path);
        for (var i = offset; i < offset + 4; i++)
        {
            bytes[i] ^= 0xFF;
        }

        File.WriteAllBytes(path, bytes);
    }

    private static VerifyCount Row(VerifyReport report, StoredObjectKind kind) => report.Counts.Single(c => c.Kind == kind);

    private static TaskHash Key(byte b)
    {
        var bytes = new byte[TaskHash.Size];
        bytes[0] = b;
        bytes[31] = b;
        return TaskHash.FromBytes(bytes);
    }

    private static FailureRecord Failure(TaskHash key) =>
        new(key, "T.M", "System.InvalidOperationException", "boom", "at somewhere", 1, "w", DateTimeOffset.UtcNow);
}
