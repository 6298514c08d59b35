using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.Memory;

/// <summary>
/// The memory store's run log: records kept as structs in fixed-size chunks, about 72 bytes each instead
/// of a record object and a queue slot (about 115) — a million-task run keeps a million of them, and a
/// chunk never has to be copied to grow.
/// </summary>
internal sealed class MemoryRunLog
{
    private const int ChunkSize = 4096;

    private readonly Lock _lock = new();
    private readonly List<Entry[]> _chunks = [];
    private int _count;

    /// <summary>Appends records.</summary>
    public void Append(IEnumerable<RunRecord> records)
    {
        lock (_lock)
        {
            foreach (var record in records)
            {
                var offset = _count % ChunkSize;
                if (offset == 0)
                {
                    _chunks.Add(new Entry[ChunkSize]);
                }

                _chunks[^1][offset] = Entry.From(record);
                _count++;
            }
        }
    }

    /// <summary>Every record, in the order appended.</summary>
    public RunRecord[] ToArray()
    {
        lock (_lock)
        {
            var records = new RunRecord[_count];
            for (var i = 0; i < _count; i++)
            {
                records[i] = _chunks[i / ChunkSize][i % ChunkSize].ToRecord();
            }

            return records;
        }
    }

    /// <summary>Removes every record; returns how many there were.</summary>
    public int Clear()
    {
        lock (_lock)
        {
            var removed = _count;
            _chunks.Clear();
            _count = 0;
            return removed;
        }
    }

    /// <summary>One record without its object header; names are shared strings.</summary>
    private readonly record struct Entry(
        TaskHash Key,
        string TaskName,
        string Worker,
        long StartedUtcTicks,
        long DurationTicks,
        int Attempt,
        short OffsetMinutes,
        bool Succeeded)
    {
        public static Entry From(RunRecord record) => new(
            record.Key,
            record.TaskName,
            record.Worker,
            record.Started.UtcTicks,
            record.Duration.Ticks,
            record.Attempt,
            (short)record.Started.TotalOffsetMinutes,
            record.Succeeded);

        public RunRecord ToRecord() => new(
            Key,
            TaskName,
            Worker,
            new DateTimeOffset(StartedUtcTicks + (OffsetMinutes * TimeSpan.TicksPerMinute), TimeSpan.FromMinutes(OffsetMinutes)),
            TimeSpan.FromTicks(DurationTicks),
            Attempt,
            Succeeded);
    }
}
