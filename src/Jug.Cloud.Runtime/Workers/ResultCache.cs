namespace Jug.Cloud.Runtime.Workers;

/// <summary>
/// Decoded results this process computed or read recently, so a dependent running here does not
/// read and decode them from the store again. Bounded by an estimate of their size; the oldest
/// entries go first.
/// </summary>
public sealed class ResultCache
{
    // One lock over compact tables rather than concurrent collections: a run of a million small tasks
    // keeps a million entries here, and a node object per entry cost more than the values themselves.
    private readonly Lock _lock = new();
    private readonly Dictionary<TaskHash, Entry> _values = [];
    private readonly Queue<TaskHash> _order = new();
    private readonly long _capacityBytes;
    private long _sizeBytes;

    /// <summary>Creates a cache holding about <paramref name="capacityBytes"/> of results.</summary>
    public ResultCache(long capacityBytes) => _capacityBytes = capacityBytes;

    /// <summary>Values estimated smaller than this are not kept (their store reads them back cheaply).</summary>
    public long MinimumBytes { get; init; }

    /// <summary>The cached value of <paramref name="hash"/>, if any.</summary>
    public bool TryGet(TaskHash hash, out object? value)
    {
        lock (_lock)
        {
            if (_values.TryGetValue(hash, out var entry))
            {
                value = entry.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>Keeps a value, evicting the oldest entries past capacity.</summary>
    public void Add(TaskHash hash, object? value)
    {
        var size = EstimateSize(value);
        if (size > _capacityBytes / 4 || size < MinimumBytes)
        {
            return;
        }

        lock (_lock)
        {
            if (!_values.TryAdd(hash, new Entry(value, size)))
            {
                return;
            }

            _order.Enqueue(hash);
            _sizeBytes += size;
            while (_sizeBytes > _capacityBytes && _order.TryDequeue(out var oldest))
            {
                if (_values.Remove(oldest, out var evicted))
                {
                    _sizeBytes -= evicted.Size;
                }
            }
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

    private readonly record struct Entry(object? Value, long Size);
}
