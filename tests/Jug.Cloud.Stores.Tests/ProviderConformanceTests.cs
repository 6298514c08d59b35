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

    protected override Task CorruptAsync(TaskHash key)
    {
        var hex = key.ToString();
        var path = Path.Combine(_root.FullName, "results", hex[..2], hex);
        var bytes = System.IO.File.ReadAllBytes(path);
        System.IO.File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        return Task.CompletedTask;
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
    protected override IJugStore CreateStore() => new MemoryJugStore(timeProvider: Clock);

    protected override async Task CorruptAsync(TaskHash key)
    {
        var bytes = (await Store.GetAsync(key))!;
        bytes[^1] ^= 0x55;
        await Store.PutAsync(key, bytes);
    }
}

[Trait("Category", "Unit")]
public sealed class FileBackedMemoryStoreConformanceTests : StoreConformanceTests
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"jug-memory-{Guid.NewGuid():n}.bin");

    protected override IJugStore CreateStore() => new MemoryJugStore(_file, Clock);

    protected override async Task CorruptAsync(TaskHash key)
    {
        var bytes = (await Store.GetAsync(key))!;
        await Store.PutAsync(key, bytes.AsMemory(0, 10));
    }

    [Fact]
    public async Task Results_failures_and_bundles_survive_a_reopen()
    {
        await Store.PutAsync(Key(1), Value("kept"));
        await Store.PutFailureAsync(new FailureRecord(Key(2), "T", "E", "m", "s", 1, "w", DateTimeOffset.UnixEpoch));
        await Store.PutBundleAsync(new string('d', 32), new byte[] { 5 });
        await Store.DisposeAsync();

        await using var reopened = new MemoryJugStore(_file);
        Assert.Equal(Value("kept"), await reopened.GetAsync(Key(1)));
        Assert.Equal("m", (await reopened.GetFailureAsync(Key(2)))?.Message);
        Assert.True(await reopened.BundleExistsAsync(new string('d', 32)));
    }

    [Fact]
    public void A_file_that_is_not_a_store_is_one_clear_error()
    {
        var other = Path.Combine(Path.GetTempPath(), $"jug-not-a-store-{Guid.NewGuid():n}.bin");
        System.IO.File.WriteAllText(other, "hello");
        try
        {
            var error = Assert.Throws<JugStoreException>(() => new MemoryJugStore(other));
            Assert.DoesNotContain('\n', error.Message);
        }
        finally
        {
            System.IO.File.Delete(other);
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        System.IO.File.Delete(_file);
    }
}
