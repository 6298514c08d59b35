using System.Diagnostics;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Runtime.Workers;

/// <summary>
/// What one slot is running, for the worker's status record. The slot writes two fields when it
/// starts a task and one when it ends it (no lock, no allocation); a reader every few seconds reads
/// them and checks the task did not change meanwhile.
/// </summary>
internal sealed class SlotActivity
{
    private volatile WorkItem? _item;
    private long _since;

    /// <summary>The slot starts <paramref name="item"/>; <paramref name="since"/> is a <see cref="Stopwatch"/> timestamp.</summary>
    public void Begin(WorkItem item, long since)
    {
        // The time is written first, so a reader that sees this item also sees its time.
        Volatile.Write(ref _since, since);
        _item = item;
    }

    /// <summary>The task the slot is running now, or null.</summary>
    public WorkItem? Current => _item;

    /// <summary>The slot finished its task.</summary>
    public void End() => _item = null;

    /// <summary>The task the slot is running, with when it started (wall time, from <paramref name="now"/>); null when idle.</summary>
    public WorkerTask? Read(DateTimeOffset now)
    {
        var item = _item;
        if (item is null)
        {
            return null;
        }

        var since = Volatile.Read(ref _since);
        if (!ReferenceEquals(item, _item))
        {
            // The slot moved on while this was read: the time may be the next task's; the next
            // record shows the slot as it is then.
            return null;
        }

        var task = item.Task;
        return new WorkerTask(task.Hash, task.Name, now - Stopwatch.GetElapsedTime(since));
    }
}
