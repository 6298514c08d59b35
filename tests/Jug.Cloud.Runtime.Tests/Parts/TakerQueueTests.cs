using Jug.Cloud.Hashing;
using Jug.Cloud.Runtime.Contracts;
using Jug.Cloud.Runtime.Grains.Dispatching;

namespace Jug.Cloud.Runtime.Tests.Parts;

/// <summary>Long-polling takers, served from a queue that stands in for the dispatcher's.</summary>
[Trait("Category", "Unit")]
public sealed class TakerQueueTests
{
    private static TaskHash Hash(int i) => CanonicalHash.OfValue($"taker-queue-{i}");

    /// <summary>The taker's answer, which serving or ending gives at once (never awaited while pending).</summary>
    private static async Task<ReadyBatch> Served(Taker taker)
    {
        Assert.True(taker.Result.Task.IsCompleted);
        return await taker.Result.Task;
    }

    [Fact]
    public async Task Queued_tasks_are_shared_among_the_waiting_takers_in_the_order_they_asked()
    {
        var takers = new TakerQueue();
        var first = takers.Wait("a", 10, []);
        var second = takers.Wait("b", 10, []);
        var source = new ListSource(Enumerable.Range(0, 4).Select(Hash));

        takers.Serve(source);

        Assert.Equal([Hash(0), Hash(1)], (await Served(first)).Tasks);
        Assert.Equal([Hash(2), Hash(3)], (await Served(second)).Tasks);
        Assert.Equal(0, takers.Count);
    }

    [Fact]
    public async Task A_taker_gets_no_more_than_it_asked_for_and_the_rest_stays_queued()
    {
        var takers = new TakerQueue();
        var taker = takers.Wait("a", 2, []);
        var source = new ListSource(Enumerable.Range(0, 5).Select(Hash));

        takers.Serve(source);

        Assert.Equal(2, (await Served(taker)).Tasks.Length);
        Assert.Equal(3, source.Queued);
    }

    [Fact]
    public async Task A_taker_that_may_run_nothing_queued_waits_on_while_the_next_is_served()
    {
        var takers = new TakerQueue();
        var untagged = takers.Wait("plain", 10, []);
        var tagged = takers.Wait("gpu-worker", 10, ["gpu"]);
        var source = new ListSource([Hash(1)]) { RequiredTag = "gpu" };

        takers.Serve(source);

        Assert.False(untagged.Result.Task.IsCompleted);
        Assert.Equal([Hash(1)], (await Served(tagged)).Tasks);
        Assert.Equal(1, takers.Count);
    }

    [Fact]
    public async Task A_withdrawn_taker_gets_the_answer_given_and_the_rest_end_with_the_run()
    {
        var takers = new TakerQueue();
        var late = takers.Wait("a", 1, []);
        var waiting = takers.Wait("b", 1, []);

        takers.Withdraw(late, ReadyBatch.Empty);
        takers.EndAll();

        Assert.Same(ReadyBatch.Empty, (await Served(late)));
        Assert.True((await Served(waiting)).Finished);
        Assert.Equal(0, takers.Count);
    }

    [Fact]
    public async Task Withdrawing_a_taker_already_served_keeps_its_batch()
    {
        var takers = new TakerQueue();
        var taker = takers.Wait("a", 1, []);
        takers.Serve(new ListSource([Hash(1)]));

        takers.Withdraw(taker, ReadyBatch.Empty);

        Assert.Equal([Hash(1)], (await Served(taker)).Tasks);
    }

    /// <summary>Hands out from a list, to every worker or only to those with <see cref="RequiredTag"/>.</summary>
    private sealed class ListSource(IEnumerable<TaskHash> tasks) : IReadyTaskSource
    {
        private readonly Queue<TaskHash> _tasks = new(tasks);

        public string? RequiredTag { get; init; }

        public int Queued => _tasks.Count;

        public ReadyBatch Take(string worker, string[] tags, int max)
        {
            if (RequiredTag is not null && !tags.Contains(RequiredTag))
            {
                return ReadyBatch.Empty;
            }

            var batch = new List<TaskHash>();
            while (batch.Count < max && _tasks.TryDequeue(out var hash))
            {
                batch.Add(hash);
            }

            return new ReadyBatch([.. batch], [.. batch.Select(_ => 1)], false);
        }
    }
}
