using Jug.Cloud.Runtime.Grains;

namespace Jug.Cloud.Runtime.Submission;

/// <summary>
/// Streams items to the shards of a run in fixed-size batches, a bounded number of calls in flight:
/// a million-task submission holds one batch per shard instead of every item grouped in lists.
/// </summary>
/// <typeparam name="T">What is sent.</typeparam>
internal sealed class ShardBatcher<T>
{
    private readonly T[][] _buffers;
    private readonly int[] _filled;
    private readonly int _batchSize;
    private readonly Func<int, T[], Task> _send;
    private readonly Queue<Task> _inFlight = new();
    private readonly int _maxInFlight;

    /// <summary>Creates a batcher for <paramref name="shardCount"/> shards.</summary>
    public ShardBatcher(int shardCount, int batchSize, Func<int, T[], Task> send)
    {
        _buffers = new T[shardCount][];
        _filled = new int[shardCount];
        _batchSize = batchSize;
        _send = send;
        _maxInFlight = 2 * shardCount;
    }

    /// <summary>Queues <paramref name="item"/> for the shard of <paramref name="key"/>, sending its batch when full.</summary>
    public ValueTask AddAsync(TaskHash key, T item)
    {
        var shard = ShardKey.ShardOf(key, _buffers.Length);
        var buffer = _buffers[shard] ??= new T[_batchSize];
        buffer[_filled[shard]++] = item;
        return _filled[shard] == _batchSize ? SendAsync(shard) : ValueTask.CompletedTask;
    }

    /// <summary>Sends every partly filled batch and waits for all calls.</summary>
    public async Task FlushAsync()
    {
        for (var shard = 0; shard < _buffers.Length; shard++)
        {
            if (_filled[shard] > 0)
            {
                await SendAsync(shard);
            }
        }

        while (_inFlight.TryDequeue(out var call))
        {
            await call;
        }
    }

    private async ValueTask SendAsync(int shard)
    {
        var batch = _buffers[shard];
        if (_filled[shard] < batch.Length)
        {
            Array.Resize(ref batch, _filled[shard]);
        }
        else
        {
            _buffers[shard] = null!;
        }

        _filled[shard] = 0;
        _inFlight.Enqueue(_send(shard, batch));
        if (_inFlight.Count >= _maxInFlight)
        {
            await _inFlight.Dequeue();
        }
    }
}
