using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using Jug.Cloud.Encoding;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.File;
using Jug.Cloud.Stores.Memory;

namespace Jug.Cloud.Benchmarks;

/// <summary>
/// Store operations on small results: put (one, and a group of 512 as the commit loop writes them)
/// under keys not stored yet, as a run does; get and batched existence checks of stored keys; for the
/// memory store and the file store with and without fsync.
/// </summary>
public class StoreBenchmarks
{
    private const int Stored = 4_096;
    private const int Group = 512;
    private readonly byte[] _value = ResultCodec.Encode(42L);
    private TaskHash[] _stored = [];
    private IJugStore _store = null!;
    private string? _directory;
    private long _nextNew;
    private int _nextStored;

    [Params("memory", "file", "file-nosync")]
    public string Store { get; set; } = "memory";

    [GlobalSetup]
    public void Setup()
    {
        _stored = [.. Enumerable.Range(0, Stored).Select(i => Key(-1 - i))];
        if (Store == "memory")
        {
            _store = new MemoryJugStore();
        }
        else
        {
            _directory = Directory.CreateTempSubdirectory("jugcloud-store-bench-").FullName;
            _store = new FileJugStore(new FileStoreOptions { Root = _directory, Durable = Store == "file" });
        }

        _store.PutManyAsync([.. _stored.Select(k => new KeyValuePair<TaskHash, ReadOnlyMemory<byte>>(k, _value))]).AsTask().GetAwaiter().GetResult();
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
    public ValueTask Put() => _store.PutAsync(Key(_nextNew++), _value);

    [Benchmark(OperationsPerInvoke = Group)]
    public ValueTask PutGroupOf512()
    {
        var group = new KeyValuePair<TaskHash, ReadOnlyMemory<byte>>[Group];
        for (var i = 0; i < group.Length; i++)
        {
            group[i] = new(Key(_nextNew++), _value);
        }

        return _store.PutManyAsync(group);
    }

    [Benchmark]
    public ValueTask<byte[]?> Get() => _store.GetAsync(_stored[_nextStored++ % Stored]);

    [Benchmark(OperationsPerInvoke = Stored)]
    public ValueTask<bool[]> Exists() => _store.ExistsAsync(_stored);

    /// <summary>A distinct key per number, spread over the file store's shard directories like real hashes.</summary>
    private static TaskHash Key(long n)
    {
        Span<byte> bytes = stackalloc byte[TaskHash.Size];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)n * 0x9E3779B97F4A7C15UL);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[8..], n);
        return TaskHash.FromBytes(bytes);
    }
}
