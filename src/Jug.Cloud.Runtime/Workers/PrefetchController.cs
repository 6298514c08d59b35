using System.Diagnostics;

namespace Jug.Cloud.Runtime.Workers;

/// <summary>
/// How many tasks a pool may hold fetched ahead of its slots: permits taken before each fetch and given
/// back as slots start tasks. Without a horizon each slot may have a fixed number waiting; with one, the
/// number follows a moving average of how long tasks run, so about the horizon's worth of work waits.
/// </summary>
internal sealed class PrefetchController : IDisposable
{
    private readonly SemaphoreSlim _space;
    private readonly int _slots;
    private readonly int _maxAhead;
    private readonly int _maxBatch;
    private readonly TimeSpan? _horizon;

    /// <summary>Permits given in all: tasks held here at most. Only the fetcher changes it.</summary>
    private int _capacity;

    /// <summary>A moving average of how long tasks run here, in stopwatch ticks; 0 until one ran.</summary>
    private long _averageTaskTicks;

    /// <param name="slots">Slots running tasks.</param>
    /// <param name="maxAhead">Tasks each slot may have waiting besides the one it runs (all the time without a horizon).</param>
    /// <param name="horizon">Work to hold ahead per slot, or null for <paramref name="maxAhead"/> always.</param>
    /// <param name="maxBatch">The most tasks one fetch asks for.</param>
    public PrefetchController(int slots, int maxAhead, TimeSpan? horizon, int maxBatch)
    {
        _slots = slots;
        _maxAhead = maxAhead;
        _horizon = horizon;
        _maxBatch = maxBatch;

        // Prefetching reserves nothing in a shared store: a slot claims a task only when it starts it.
        _capacity = CapacityFor(slots, horizon is null ? maxAhead : 1);
        _space = new SemaphoreSlim(_capacity);
    }

    /// <summary>Tasks that may be held here now.</summary>
    public int Capacity => _capacity;

    /// <summary>Slots report how long tasks ran (only a horizon needs it).</summary>
    public bool FollowsTaskTime => _horizon is not null;

    /// <summary>Tasks held at most when each of <paramref name="slots"/> may have <paramref name="ahead"/> waiting besides the one it runs.</summary>
    public static int CapacityFor(int slots, int ahead) => slots * (ahead + 1);

    /// <summary>
    /// Tasks to hold ahead per slot so that about <paramref name="horizon"/> of work waits, when a task
    /// takes <paramref name="averageTicks"/> stopwatch ticks: at least one, at most <paramref name="maxAhead"/>;
    /// one until a task ran (<paramref name="averageTicks"/> 0).
    /// </summary>
    public static int AheadFor(long averageTicks, TimeSpan horizon, int maxAhead) =>
        averageTicks <= 0 ? 1 : (int)Math.Clamp(horizon.TotalSeconds * Stopwatch.Frequency / averageTicks, 1, maxAhead);

    /// <summary>Waits for room for at least one task and takes as much as there is, up to a batch; returns how many.</summary>
    public async ValueTask<int> ReserveAsync(CancellationToken cancellationToken)
    {
        Adjust();
        await _space.WaitAsync(cancellationToken);
        var granted = 1;
        while (granted < _maxBatch && _space.Wait(0, CancellationToken.None))
        {
            granted++;
        }

        return granted;
    }

    /// <summary>Gives back room reserved and not filled.</summary>
    public void Return(int permits)
    {
        if (permits > 0)
        {
            _space.Release(permits);
        }
    }

    /// <summary>A slot took a task off the local queue: its place is free.</summary>
    public void Started() => _space.Release();

    /// <summary>A task ran for <paramref name="ticks"/> stopwatch ticks.</summary>
    public void Ran(long ticks)
    {
        // A rough average is enough: it only sizes how far ahead to fetch. Races lose a sample.
        var average = Volatile.Read(ref _averageTaskTicks);
        Volatile.Write(ref _averageTaskTicks, average == 0 ? ticks : average + ((ticks - average) / 8));
    }

    /// <inheritdoc />
    public void Dispose() => _space.Dispose();

    /// <summary>
    /// With a horizon, grows or shrinks the room to about the horizon's worth of work per slot.
    /// Shrinking takes back only permits not in use, so it may finish later.
    /// </summary>
    private void Adjust()
    {
        if (_horizon is not { } horizon)
        {
            return;
        }

        var target = CapacityFor(_slots, AheadFor(Volatile.Read(ref _averageTaskTicks), horizon, _maxAhead));
        if (target > _capacity)
        {
            _space.Release(target - _capacity);
            _capacity = target;
        }

        while (target < _capacity && _space.Wait(0, CancellationToken.None))
        {
            _capacity--;
        }
    }
}
