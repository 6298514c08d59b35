using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.Tests;

/// <summary>The worker status part of the store contract.</summary>
public abstract partial class StoreConformanceTests
{
    /// <summary>
    /// Damages every stored worker status record in place, behind the store's back; false (the default)
    /// where a test cannot write raw bytes to the provider.
    /// </summary>
    protected virtual Task<bool> CorruptWorkerStatusesAsync() => Task.FromResult(false);

    protected WorkerStatus Status(string worker, long tasksDone = 3)
    {
        var now = Clock.GetUtcNow();
        return new WorkerStatus(
            worker,
            "build-7",
            4242,
            now - TimeSpan.FromMinutes(10),
            now,
            now + TimeSpan.FromSeconds(30),
            4,
            ["gpu", "big memory"],
            [new WorkerTask(Key(1), "Demo.Square", now - TimeSpan.FromSeconds(2)), new WorkerTask(Key(2), "Demo.Sum", new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.FromHours(2)))],
            tasksDone,
            17);
    }

    [Fact]
    public async Task A_worker_status_put_is_listed_equal_and_apart_from_results()
    {
        var status = Status("host:4242");
        await Store.PutWorkerStatusAsync(status);
        var listed = Assert.Single(await WorkersAsync());
        Assert.Equal(status, listed);
        Assert.Equal(status.Running, listed.Running);
        Assert.Equal(status.Tags, listed.Tags);
        Assert.Equal(TimeSpan.FromHours(2), listed.Running[1].Started.Offset);
        Assert.Empty(await ListAsync());
        Assert.Empty(await FailuresAsync());
    }

    [Fact]
    public async Task A_second_put_replaces_the_workers_record()
    {
        await Store.PutWorkerStatusAsync(Status("host:1", tasksDone: 1));
        await Store.PutWorkerStatusAsync(Status("host:1", tasksDone: 2) with { Running = [] });
        var listed = Assert.Single(await WorkersAsync());
        Assert.Equal(2, listed.TasksDone);
        Assert.Empty(listed.Running);
    }

    [Fact]
    public async Task Two_workers_are_listed_apart()
    {
        await Store.PutWorkerStatusAsync(Status("host:1", tasksDone: 1));
        await Store.PutWorkerStatusAsync(Status("host:2", tasksDone: 2));
        Assert.Equal(
            [("host:1", 1L), ("host:2", 2L)],
            (await WorkersAsync()).Select(w => (w.Worker, w.TasksDone)).Order());
    }

    [Fact]
    public async Task Remove_is_true_once_and_the_record_is_gone()
    {
        Assert.False(await Store.RemoveWorkerStatusAsync("host:1"));
        await Store.PutWorkerStatusAsync(Status("host:1"));
        await Store.PutWorkerStatusAsync(Status("host:2"));
        Assert.True(await Store.RemoveWorkerStatusAsync("host:1"));
        Assert.False(await Store.RemoveWorkerStatusAsync("host:1"));
        Assert.Equal("host:2", Assert.Single(await WorkersAsync()).Worker);
    }

    [Fact]
    public async Task Worker_names_of_any_text_round_trip()
    {
        string[] names = ["silo-1/run@2", "host:123", "a b/../../c d", "..", "*?[x]\\", "ärger/日本"];
        foreach (var name in names)
        {
            await Store.PutWorkerStatusAsync(Status(name));
        }

        Assert.Equal(names.Order(StringComparer.Ordinal), (await WorkersAsync()).Select(w => w.Worker).Order(StringComparer.Ordinal));
        foreach (var name in names)
        {
            Assert.True(await Store.RemoveWorkerStatusAsync(name), name);
        }

        Assert.Empty(await WorkersAsync());
    }

    [Fact]
    public async Task An_empty_worker_name_is_refused()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await Store.PutWorkerStatusAsync(Status("")));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await Store.RemoveWorkerStatusAsync(""));
        Assert.Empty(await WorkersAsync());
    }

    [Fact]
    public async Task An_expired_record_is_listed_until_it_has_been_expired_a_while()
    {
        await Store.PutWorkerStatusAsync(Status("host:1"));
        Clock.Advance(TimeSpan.FromSeconds(40));
        var expired = Assert.Single(await WorkersAsync());
        Assert.True(expired.IsExpired(Clock.GetUtcNow()));

        Clock.Advance(WorkerStatus.ListedAfterExpiry);
        await Store.PutWorkerStatusAsync(Status("host:2"));
        Assert.Equal("host:2", Assert.Single(await WorkersAsync()).Worker);
    }

    [Fact]
    public async Task A_corrupt_worker_record_is_left_out_not_thrown()
    {
        await Store.PutWorkerStatusAsync(Status("host:1"));
        var corrupted = await CorruptWorkerStatusesAsync();
        await Store.PutWorkerStatusAsync(Status("host:2"));
        Assert.Equal(corrupted ? ["host:2"] : ["host:1", "host:2"], (await WorkersAsync()).Select(w => w.Worker).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_empty_store_lists_no_workers() => Assert.Empty(await WorkersAsync());

    protected async Task<List<WorkerStatus>> WorkersAsync()
    {
        var workers = new List<WorkerStatus>();
        await foreach (var worker in Store.ListWorkerStatusesAsync())
        {
            workers.Add(worker);
        }

        return workers;
    }
}
