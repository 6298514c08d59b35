using Jug.Cloud.Storage;
using Jug.Cloud.Stores.File;
using Jug.Cloud.Stores.Memory;

namespace Jug.Cloud.Stores.Tests;

[Trait("Category", "Unit")]
public sealed class FileStoreConformanceTests : StoreConformanceTests
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("jug-file-store-");

    protected override IJugStore CreateStore() =>
        new FileJugStore(new FileStoreOptions { Root = _root.FullName, TimeProvider = Clock });

    /// <summary>Truncates the file, as a crash without write-then-rename would have left it.</summary>
    protected override Task CorruptAsync(TaskHash key)
    {
        var hex = key.ToString();
        var path = Path.Combine(_root.FullName, "results", hex[..2], hex);
        var bytes = System.IO.File.ReadAllBytes(path);
        System.IO.File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        return Task.CompletedTask;
    }

    /// <summary>Truncates each worker file, as a crash without write-then-rename would have left it.</summary>
    protected override Task<bool> CorruptWorkerStatusesAsync()
    {
        foreach (var path in Directory.EnumerateFiles(Path.Combine(_root.FullName, "workers")))
        {
            var bytes = System.IO.File.ReadAllBytes(path);
            System.IO.File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        }

        return Task.FromResult(true);
    }

    [Fact]
    public async Task A_worker_record_is_one_file_named_by_a_hash_of_the_worker_under_workers()
    {
        await Store.PutWorkerStatusAsync(Status("silo-1/run@2"));
        await Store.PutWorkerStatusAsync(Status("silo-1/run@2", tasksDone: 9));
        var file = Assert.Single(Directory.GetFiles(_root.FullName, "*", SearchOption.AllDirectories));
        Assert.Equal(Path.Combine(_root.FullName, "workers", WorkerStatusCodec.ObjectName("silo-1/run@2") + ".json"), file);
    }

    [Fact]
    public async Task Listing_deletes_the_files_of_records_long_expired()
    {
        await Store.PutWorkerStatusAsync(Status("host:1"));
        await Store.PutWorkerStatusAsync(Status("host:2") with { ExpiresAt = Clock.GetUtcNow() + TimeSpan.FromHours(1) });
        Clock.Advance(TimeSpan.FromSeconds(30) + WorkerStatus.ListedAfterExpiry);
        Assert.Equal("host:2", Assert.Single(await WorkersAsync()).Worker);
        Assert.Single(Directory.GetFiles(Path.Combine(_root.FullName, "workers")));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _root.Delete(recursive: true);
    }
}

[Trait("Category", "Unit")]
public sealed class MemoryStoreConformanceTests : StoreConformanceTests
{
    protected override IJugStore CreateStore() => new MemoryJugStore(new MemoryStoreOptions { TimeProvider = Clock });

    [Fact]
    public async Task Memory_locations_open_separate_empty_stores()
    {
        var registry = new StoreRegistry().AddMemoryStore();
        await using var first = registry.Open("memory:");
        await using var second = registry.Open("MEMORY:");
        await first.PutAsync(Key(1), Value(1));
        Assert.IsType<MemoryJugStore>(second);
        Assert.Null(await second.GetAsync(Key(1)));
        Assert.Equal("memory:", first.DisplayName);
    }
}

[Trait("Category", "Unit")]
public sealed class MemoryFileBackedConformanceTests : StoreConformanceTests
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("jug-memory-store-");

    private string File => Path.Combine(_directory.FullName, "run.jugmem");

    protected override IJugStore CreateStore() => Open();

    private MemoryJugStore Open() => new(new MemoryStoreOptions { File = File, TimeProvider = Clock });

    [Fact]
    public async Task Results_failures_runs_and_bundles_survive_dispose_and_reopen_claims_do_not()
    {
        await Store.AppendRunsAsync([Run(6), Run(7)]);
        await Store.PutAsync(Key(1), Value("kept"));
        await Store.PutManyAsync([Entry(Key(2), Value(2)), Entry(Key(3), Value(3))]);
        await Store.PutFailureAsync(Failure(4));
        await Store.PutBundleAsync(new string('d', 32), new byte[] { 5, 6 });
        await Store.TryClaimAsync(Key(5), "a", TimeSpan.FromMinutes(1));
        await Store.DisposeAsync();

        await using var reopened = Open();
        Assert.Equal(Value("kept"), await reopened.GetAsync(Key(1)));
        Assert.Equal(Value(3), await reopened.GetAsync(Key(3)));
        Assert.Equal(Failure(4), await reopened.GetFailureAsync(Key(4)));
        Assert.Equal(2, await reopened.ClearRunsAsync());
        Assert.Equal(new byte[] { 5, 6 }, await reopened.GetBundleAsync(new string('d', 32)));
        await foreach (var claim in reopened.ListClaimsAsync())
        {
            Assert.Fail($"claim {claim} was saved");
        }
    }

    [Fact]
    public async Task Worker_status_records_are_live_state_and_not_saved()
    {
        await Store.PutAsync(Key(1), Value(1));
        await Store.PutWorkerStatusAsync(Status("host:1"));
        await Store.DisposeAsync();

        await using var reopened = Open();
        Assert.Equal(Value(1), await reopened.GetAsync(Key(1)));
        await foreach (var worker in reopened.ListWorkerStatusesAsync())
        {
            Assert.Fail($"worker {worker.Worker} was saved");
        }
    }

    [Fact]
    public async Task Save_writes_the_file_without_disposing()
    {
        await Store.PutAsync(Key(1), Value(1));
        await ((MemoryJugStore)Store).SaveAsync();
        await Store.PutAsync(Key(1), Value(2));

        await using var snapshot = new MemoryJugStore(File);
        Assert.Equal(Value(1), await snapshot.GetAsync(Key(1)));
        Assert.Empty(Directory.GetFiles(_directory.FullName, ".*"));
    }

    [Fact]
    public async Task A_corrupt_result_is_kept_as_it_is_and_still_reported_after_reopen()
    {
        await Store.PutAsync(Key(1), new byte[] { 9, 9, 9 });
        await Store.DisposeAsync();
        await using var reopened = Open();
        await Assert.ThrowsAsync<CorruptObjectException>(async () => await reopened.GetAsync(Key(1)));
    }

    [Fact]
    public async Task A_missing_directory_is_created_on_save_and_registry_paths_resolve_against_the_base()
    {
        await using (var store = new StoreRegistry().AddMemoryStore().Open("memory:sub/dir/run.bin", _directory.FullName))
        {
            Assert.Equal($"memory:{_directory.FullName}/sub/dir/run.bin", store.DisplayName);
            await store.PutAsync(Key(1), Value(1));
        }

        Assert.True(System.IO.File.Exists(Path.Combine(_directory.FullName, "sub", "dir", "run.bin")));
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("")]
    [InlineData("JUGMEM\0\u0001 but then garbage and no checksum")]
    public void A_file_that_is_not_a_store_is_one_clear_error(string content)
    {
        System.IO.File.WriteAllText(File, content);
        var error = Assert.Throws<JugStoreException>(() => Open());
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains(File, error.Message);
    }

    [Fact]
    public async Task A_truncated_or_damaged_file_is_one_clear_error()
    {
        await Store.PutAsync(Key(1), Value(new double[1000]));
        await Store.PutFailureAsync(Failure(2));
        await ((MemoryJugStore)Store).SaveAsync();
        var bytes = await System.IO.File.ReadAllBytesAsync(File);

        await System.IO.File.WriteAllBytesAsync(File, bytes[..(bytes.Length - 100)]);
        Assert.DoesNotContain('\n', Assert.Throws<JugStoreException>(() => Open()).Message);

        bytes[bytes.Length / 2] ^= 1;
        await System.IO.File.WriteAllBytesAsync(File, bytes);
        Assert.Contains("checksum", Assert.Throws<JugStoreException>(() => Open()).Message);
    }

    public override async Task DisposeAsync()
    {
        // Tests that replace the file on purpose leave the store unable to reopen; the store itself only saves.
        await base.DisposeAsync();
        _directory.Delete(recursive: true);
    }
}
