using Jug.Cloud.Client;
using Jug.Cloud.Runtime.Workers;
using Jug.Cloud.Storage;
using static Jug.Cloud.Jug;
using static Jug.Cloud.Runtime.Tests.EngineTests;

namespace Jug.Cloud.Runtime.Tests;

/// <summary>
/// A pool keeps a status record in a shared store saying what its slots run, so another process
/// reading the store sees those tasks running even when the pool claims nothing per task.
/// </summary>
[Trait("Category", "Runtime")]
public sealed class WorkerStatusTests : IDisposable
{
    private static readonly ExecuteOptions Options = new() { Jobs = 1, RetryDelay = TimeSpan.FromMilliseconds(10), WorkerName = "status-test" };
    private readonly DirectoryInfo _jugdir = Directory.CreateTempSubdirectory("jug-worker-status-");

    public void Dispose() => _jugdir.Delete(recursive: true);

    [Fact]
    public async Task A_pool_alone_on_a_jugdir_lists_its_running_task_so_status_from_another_store_shows_it_running()
    {
        var tag = Guid.NewGuid().ToString();
        using var gate = Work.Gate(tag);
        TaskHandle<long> held = null!;
        var graph = Build(() =>
        {
            held = Task(Work.Gated, tag, 1);
            Task(Work.Add, tag, held, 1L);
        });
        await using var store = TestStores.File(_jugdir.FullName);
        await using var observer = TestStores.File(_jugdir.FullName);

        var run = JugEngine.ExecuteAsync(graph, store, Options);
        StatusReport status;
        WorkerStatus record;
        try
        {
            await gate.Entered.Task.WaitAsync(TimeSpan.FromMinutes(1));
            record = await RecordRunningAsync(observer, held.Hash);
            status = await GraphStatus.ComputeAsync(graph, observer);

            // Alone on the store, the pool claimed nothing for the task: the record is what shows it.
            Assert.DoesNotContain(await SharedStoreTests.ClaimsAsync(observer), c => c.Key == held.Hash);
        }
        finally
        {
            gate.Open.Set();
        }

        var summary = await run;
        Assert.True(summary.Succeeded, summary.ToString());

        Assert.StartsWith("status-test/", record.Worker, StringComparison.Ordinal);
        Assert.Equal((Environment.MachineName, Environment.ProcessId, 1), (record.Host, record.ProcessId, record.Slots));
        Assert.False(record.IsExpired(DateTimeOffset.UtcNow - TimeSpan.FromSeconds(1)));
        var running = Assert.Single(record.Running);
        Assert.Equal(held.Task.Name, running.TaskName);
        Assert.InRange(running.Started, record.Started, record.Updated);

        Assert.Equal(TaskState.Running, status.Tasks.Single(t => t.Task.Hash == held.Hash).State);
        Assert.Equal((1, 1, 0), (status.Total.Running, status.Total.Waiting, status.Total.Done));

        Assert.Empty(await observer.ListWorkerStatusesAsync().ToListAsync());
        Assert.Equal(0, (await GraphStatus.ComputeAsync(graph, observer)).Total.Running);
    }

    [Fact]
    public async Task Status_ignores_an_expired_record()
    {
        var tag = Guid.NewGuid().ToString();
        TaskHandle<long> leaf = null!;
        var graph = Build(() => leaf = Task(Work.Leaf, tag, 3));
        await using var store = TestStores.File(_jugdir.FullName);
        var now = DateTimeOffset.UtcNow;
        WorkerStatus Record(string worker, DateTimeOffset expires) =>
            new(worker, "host", 1, now - TimeSpan.FromMinutes(1), now - TimeSpan.FromSeconds(20), expires, 1, [], [new WorkerTask(leaf.Hash, leaf.Task.Name, now - TimeSpan.FromMinutes(1))], 0, 0);

        await store.PutWorkerStatusAsync(Record("dead", now - TimeSpan.FromSeconds(10)));
        Assert.Equal(TaskState.Ready, (await GraphStatus.ComputeAsync(graph, store)).Tasks[0].State);

        await store.PutWorkerStatusAsync(Record("alive", now + TimeSpan.FromSeconds(10)));
        Assert.Equal(TaskState.Running, (await GraphStatus.ComputeAsync(graph, store)).Tasks[0].State);
    }

    /// <summary>Reads the store's worker records until one lists <paramref name="task"/> running; records are written every couple of seconds.</summary>
    private static async Task<WorkerStatus> RecordRunningAsync(IJugStore store, TaskHash task)
    {
        var deadline = DateTime.UtcNow + (WorkerStatusPublisher.TimeToLive * 3);
        while (true)
        {
            await foreach (var record in store.ListWorkerStatusesAsync())
            {
                if (record.Running.Any(r => r.Key == task))
                {
                    return record;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, "no worker record lists the running task");
            await System.Threading.Tasks.Task.Delay(50);
        }
    }
}
