using System.Collections.Concurrent;

namespace Jug.Cloud.Runtime.Workers;

/// <summary>
/// Decoded results this process computed or read recently, so a dependent running here does not
/// read and decode them from the store again. Bounded by an estimate of their size; the oldest
/// entries go first.
/// </summary>
public sealed class ResultCache
{
    private readonly ConcurrentDictionary<TaskHash, object?> _values = new();
    private readonly ConcurrentQueue<(TaskHash Hash, long Size)> _order = new();
    private readonly long _capacityBytes;
    private long _sizeBytes;

    /// <summary>Creates a cache holding about <paramref name="capacityBytes"/> of results.</summary>
    public ResultCache(long capacityBytes) => _capacityBytes = capacityBytes;

    /// <summary>The cached value of <paramref name="hash"/>, if any.</summary>
    public bool TryGet(TaskHash hash, out object? value) => _values.TryGetValue(hash, out value);

    /// <summary>Keeps a value, evicting the oldest entries past capacity.</summary>
    public void Add(TaskHash hash, object? value)
    {
        var size = EstimateSize(value);
        if (size > _capacityBytes / 4 || !_values.TryAdd(hash, value))
        {
            return;
        }

        _order.Enqueue((hash, size));
        Interlocked.Add(ref _sizeBytes, size);
        while (Interlocked.Read(ref _sizeBytes) > _capacityBytes && _order.TryDequeue(out var oldest))
        {
            _values.TryRemove(oldest.Hash, out _);
            Interlocked.Add(ref _sizeBytes, -oldest.Size);
        }
    }

    private static long EstimateSize(object? value) => value switch
    {
        Array array when array.GetType().GetElementType() is { IsPrimitive: true } element =>
            64 + ((long)array.Length * System.Runtime.InteropServices.Marshal.SizeOf(element)),
        Array array => 64 + ((long)array.Length * 32),
        string text => 32 + (2L * text.Length),
        System.Collections.ICollection collection => 64 + ((long)collection.Count * 32),
        _ => 64,
    };
}
