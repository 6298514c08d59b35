using BenchmarkDotNet.Attributes;
using Jug.Cloud.Encoding;
using Jug.Cloud.Hashing;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.File;
using Jug.Cloud.Stores.Memory;

namespace Jug.Cloud.Benchmarks;

/// <summary>
/// Store operations on small results: put (one, and a group of 512 as the commit loop writes them),
/// get, and batched existence checks, for the memory store and the file store with and without fsync.
/// </summary>
public class StoreBenchmarks
{
    private const int Keys = 4_096;
    private const int Group = 512;
    private readonly byte[] _value = ResultCodec.Encode(42L);
    private TaskHash[] _keys = [];
    private KeyValuePair<TaskHash, ReadOnlyMemory<byte>>[] _group = [];
    private IJugStore _store = null!;
    private string? _directory;
    private int _next;

    [Params("memory", "file", "file-nosync")]
    public string Store { get; set; } = "memory";

    [GlobalSetup]
    public void Setup()
    {
        _keys = [.. Enumerable.Range(0, Keys).Select(i => CanonicalHash.OfValue(i))];
        _group = [.. _keys.Take(Group).Select(k => new KeyValuePair<TaskHash, ReadOnlyMemory<byte>>(k, _value))];
        if (Store == "memory")
        {
            _store = new MemoryJugStore();
        }
        else
        {
            _directory = Directory.CreateTempSubdirectory("jugcloud-store-bench-").FullName;
            _store = new FileJugStore(new FileStoreOptions { Root = _directory, Durable = Store == "file" });
        }

        foreach (var key in _keys)
        {
            _store.PutAsync(key, _value).AsTask().GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Benchmark]
    public ValueTask Put() => _store.PutAsync(NextKey(), _value);

    [Benchmark(OperationsPerInvoke = Group)]
    public ValueTask PutGroupOf512() => _store.PutManyAsync(_group);

    [Benchmark]
    public ValueTask<byte[]?> Get() => _store.GetAsync(NextKey());

    [Benchmark(OperationsPerInvoke = Keys)]
    public ValueTask<bool[]> Exists() => _store.ExistsAsync(_keys);

    private TaskHash NextKey() => _keys[_next++ % Keys];
}
