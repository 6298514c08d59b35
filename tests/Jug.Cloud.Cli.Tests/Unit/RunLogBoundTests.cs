using Jug.Cloud.Client;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.File;

namespace Jug.Cloud.Cli.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class RunLogBoundTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("jugcloud-runlog-");

    private string RunsDirectory => Path.Combine(_root.FullName, "runs");

    [Fact]
    public async Task Many_processes_appending_leave_a_bounded_run_log_that_keeps_each_tasks_latest_success()
    {
        var start = DateTimeOffset.UtcNow;
        for (var process = 0; process < 40; process++)
        {
            // A store per process, as each execute opens its own; two batches each.
            var store = Open();
            await store.AppendRunsAsync([Run(1, start.AddSeconds(process), TimeSpan.FromSeconds(process), succeeded: true)]);
            await store.AppendRunsAsync([Run(2, start.AddSeconds(process), TimeSpan.FromSeconds(1), succeeded: process % 2 == 0)]);
        }

        Assert.InRange(Directory.GetFiles(RunsDirectory).Length, 1, FileJugStore.CompactRunLogAbove + 2);
        var runs = await Open().ListRunsAsync().ToListAsync();
        var latest = runs.Where(r => r.Key == Key(1) && r.Succeeded).MaxBy(r => r.Started)!;
        Assert.Equal(TimeSpan.FromSeconds(39), latest.Duration);
        Assert.Contains(runs, r => r.Key == Key(2) && r.Succeeded && r.Started == start.AddSeconds(38));
        Assert.Contains(runs, r => r.Key == Key(2) && !r.Succeeded && r.Started == start.AddSeconds(39));
        Assert.True(runs.Count <= 4 + FileJugStore.CompactRunLogAbove + 2, $"{runs.Count} records kept");
    }

    [Fact]
    public async Task Processes_that_start_together_compact_once_and_write_no_record_twice()
    {
        // Silos joining a run start at once, and each one's first append finds the batches to compact.
        var start = DateTimeOffset.UtcNow;
        var writer = Open();
        for (var i = 0; i < FileJugStore.CompactRunLogAbove + 4; i++)
        {
            await writer.AppendRunsAsync([Run((byte)i, start.AddSeconds(i), TimeSpan.FromSeconds(1), succeeded: true)]);
        }

        using var go = new Barrier(4);
        var joiners = Enumerable.Range(0, 4).Select(n => Task.Run(async () =>
        {
            var store = Open();
            go.SignalAndWait();
            await store.AppendRunsAsync([Run((byte)(100 + n), start, TimeSpan.FromSeconds(1), succeeded: true)]);
        }));
        await Task.WhenAll(joiners);

        var onDisk = 0;
        foreach (var path in Directory.GetFiles(RunsDirectory, "*.json"))
        {
            onDisk += RunRecordCodec.Decode(await File.ReadAllBytesAsync(path)).Length;
        }

        Assert.Equal(FileJugStore.CompactRunLogAbove + 8, onDisk);
        Assert.Equal(FileJugStore.CompactRunLogAbove + 8, (await Open().ListRunsAsync().ToListAsync()).Count);
        Assert.Empty(Directory.GetFiles(RunsDirectory, ".compacting"));
    }

    [Fact]
    public async Task A_record_stored_twice_as_a_killed_compaction_leaves_it_is_listed_once()
    {
        var store = Open();
        RunRecord[] batch = [Run(1, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1), true), Run(2, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(2), false)];
        await store.AppendRunsAsync(batch);
        await store.AppendRunsAsync(batch);

        var runs = await store.ListRunsAsync().ToListAsync();

        Assert.Equal(2, Directory.GetFiles(RunsDirectory).Length);
        Assert.Equal(batch.OrderBy(r => r.Key.ToString()), runs.OrderBy(r => r.Key.ToString()));
    }

    [Fact]
    public async Task Compacting_to_a_set_of_tasks_drops_the_others_and_leaves_one_file()
    {
        var store = Open();
        var start = DateTimeOffset.UtcNow;
        for (var i = 0; i < 5; i++)
        {
            await store.AppendRunsAsync([Run(1, start.AddSeconds(i), TimeSpan.FromSeconds(i), true), Run(3, start, TimeSpan.Zero, true)]);
        }

        var dropped = await ((IRunLogStore)store).CompactRunsAsync(key => key == Key(1));

        Assert.Equal(9, dropped);
        Assert.Single(Directory.GetFiles(RunsDirectory));
        var kept = Assert.Single(await store.ListRunsAsync().ToListAsync());
        Assert.Equal(TimeSpan.FromSeconds(4), kept.Duration);
    }

    [Fact]
    public void Compaction_keeps_the_latest_success_and_a_later_failure_of_each_task()
    {
        var t = DateTimeOffset.UtcNow;
        RunRecord[] records = [Run(1, t, TimeSpan.FromSeconds(1), true), Run(1, t.AddSeconds(1), TimeSpan.FromSeconds(2), true), Run(1, t.AddSeconds(2), TimeSpan.Zero, false), Run(2, t, TimeSpan.Zero, false), Run(2, t.AddSeconds(-1), TimeSpan.Zero, false)];

        var kept = RunLogCompaction.Select(records);

        Assert.Equal(3, kept.Count);
        Assert.Contains(records[1], kept);
        Assert.Contains(records[2], kept);
        Assert.Contains(records[3], kept);
    }

    public void Dispose() => _root.Delete(recursive: true);

    private FileJugStore Open() => new(new FileStoreOptions { Root = _root.FullName, Durable = false });

    private static RunRecord Run(byte task, DateTimeOffset started, TimeSpan duration, bool succeeded) =>
        new(Key(task), "T.M", "w", started, duration, 1, succeeded);

    private static TaskHash Key(byte b)
    {
        var bytes = new byte[TaskHash.Size];
        bytes[0] = b;
        return TaskHash.FromBytes(bytes);
    }
}
