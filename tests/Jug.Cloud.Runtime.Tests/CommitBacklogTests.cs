using Jug.Cloud.Runtime.Workers;

namespace Jug.Cloud.Runtime.Tests;

[Trait("Category", "Runtime")]
public sealed class CommitBacklogTests
{
    [Fact]
    public async Task A_slot_waits_while_the_backlog_is_full_and_goes_on_when_a_group_is_committed()
    {
        var backlog = new CommitBacklog(maxResults: 2, maxBytes: long.MaxValue);
        backlog.Added(10);
        backlog.WaitForRoom(); // one waiting: room
        backlog.Added(10);

        var waiting = Task.Run(backlog.WaitForRoom);
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);

        backlog.Committed(1, 10);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, backlog.Results);
    }

    [Fact]
    public async Task Bytes_bound_the_backlog_but_one_result_always_gets_through()
    {
        var backlog = new CommitBacklog(maxResults: 100, maxBytes: 1_000);
        backlog.WaitForRoom(); // empty: room, however large the next result
        backlog.Added(50_000);

        var waiting = Task.Run(backlog.WaitForRoom);
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);

        backlog.Committed(1, 50_000);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
