using Jug.Cloud.Client;
using Jug.Cloud.Encoding;
using Jug.Cloud.Graph;
using Jug.Cloud.Storage;
using static Jug.Cloud.Jug;

namespace Jug.Cloud.Runtime.Tests;

[Trait("Category", "Runtime")]
public sealed class EngineTests
{
    private static readonly ExecuteOptions Options = new() { Jobs = 2, RetryDelay = TimeSpan.FromMilliseconds(10) };

    internal static TaskGraph Build(Action declare)
    {
        var context = new JugContext();
        using (context.Enter())
        {
            declare();
        }

        return context.Graph;
    }

    internal static async Task<T> ValueOf<T>(IJugStore store, JugHandle handle)
    {
        var stored = await store.GetAsync(handle.Task.Hash);
        Assert.NotNull(stored);
        var value = ResultCodec.Decode(stored, handle.Task.ResultType);
        return (T)ResultPath.Apply(value, handle.Reference.Path)!;
    }

    [Fact]
    public async Task A_diamond_runs_each_task_once_and_stores_every_result()
    {
        var tag = Guid.NewGuid().ToString();
        TaskHandle<long> top = null!;
        var graph = Build(() =>
        {
            var root = Task(Work.Leaf, tag, 5);
            var left = Task(Work.Add, tag, root, 1L);
            var right = Task(Work.Add, tag, root, 2L);
            top = Task(Work.Add, tag, left, right);
        });
        await using var store = TestStores.Memory();

        var summary = await JugEngine.ExecuteAsync(graph, store, Options);

        Assert.True(summary.Succeeded);
        Assert.Equal(4, summary.Executed);
        Assert.Equal(4, Work.CallsOf(tag));
        Assert.Equal(13L, await ValueOf<long>(store, top));
    }

    [Fact]
    public async Task A_second_run_reuses_every_result()
    {
        var tag = Guid.NewGuid().ToString();
        var graph = Build(() => Task(Work.Add, tag, Task(Work.Leaf, tag, 1), 2L));
        await using var store = TestStores.Memory();

        await JugEngine.ExecuteAsync(graph, store, Options);
        var again = await JugEngine.ExecuteAsync(graph, store, Options);

        Assert.Equal(0, again.Executed);
        Assert.Equal(2, again.AlreadyDone);
        Assert.Equal(2, Work.CallsOf(tag));
    }

    [Fact]
    public async Task A_fan_in_of_ten_thousand_tasks_completes()
    {
        var tag = Guid.NewGuid().ToString();
        TaskHandle<long> total = null!;
        var graph = Build(() =>
        {
            var leaves = Enumerable.Range(0, 10_000).Select(i => Task(Work.Leaf, tag, i)).ToList();
            total = Task(Work.Sum, tag, leaves);
        });
        await using var store = TestStores.Memory();

        var summary = await JugEngine.ExecuteAsync(graph, store, Options);

        Assert.True(summary.Succeeded);
        Assert.Equal(10_001, summary.Executed);
        Assert.Equal(10_001, Work.CallsOf(tag));
        Assert.Equal(49_995_000L, await ValueOf<long>(store, total));
    }

    [Fact]
    public async Task A_failure_is_recorded_and_its_dependents_do_not_run()
    {
        var tag = Guid.NewGuid().ToString();
        var downstream = tag + "-downstream";
        TaskHandle<long> boom = null!;
        var graph = Build(() =>
        {
            boom = Task(Work.Boom, tag, 7L);
            Task(Work.Add, downstream, boom, 1L);
        });
        await using var store = TestStores.Memory();

        var summary = await JugEngine.ExecuteAsync(graph, store, Options);

        Assert.False(summary.Succeeded);
        var failure = Assert.Single(summary.Failures);
        Assert.Equal(typeof(InvalidOperationException).FullName, failure.ExceptionType);
        Assert.Equal("boom at 7", failure.Message);
        Assert.Contains(nameof(Work.Boom), failure.StackTrace);
        Assert.Equal(1, summary.NotRun);
        Assert.Equal(0, Work.CallsOf(downstream));
        var stored = await store.GetFailureAsync(boom.Hash);
        Assert.Equal("boom at 7", stored?.Message);
        Assert.Null(await store.GetAsync(boom.Hash));
    }

    [Fact]
    public async Task After_a_failure_no_new_task_starts_unless_keep_going()
    {
        var tag = Guid.NewGuid().ToString();
        var later = tag + "-later";
        var graph = Build(() =>
        {
            Task(Work.Boom, tag, 1L);
            foreach (var i in Enumerable.Range(0, 50))
            {
                Task(Work.Add, later, Task(Work.Slow, later, i), 0L);
            }
        });
        await using var store = TestStores.Memory();

        var stopped = await JugEngine.ExecuteAsync(graph, store, Options with { Jobs = 1, Attempts = 1 });
        Assert.True(stopped.NotRun > 0, $"expected tasks left after the failure, got {stopped}");

        var keepGoing = await JugEngine.ExecuteAsync(graph, store, Options with { KeepGoing = true });
        Assert.Equal(0, keepGoing.NotRun);
        Assert.Single(keepGoing.Failures);
        Assert.Equal(100, stopped.Executed + keepGoing.Executed);
    }

    [Fact]
    public async Task Tasklets_and_arrays_reach_dependents()
    {
        var tag = Guid.NewGuid().ToString();
        TaskHandle<double> mean = null!;
        TaskHandle<long> sum = null!;
        var graph = Build(() =>
        {
            var series = Task(Work.Series, tag, 5);
            mean = Task(Work.Mean, tag, series);
            sum = Task(Work.Add, tag, Task(Work.Leaf, tag, 3), Task(Work.Leaf, tag, 4));
        });
        await using var store = TestStores.Memory();

        await JugEngine.ExecuteAsync(graph, store, Options);

        Assert.Equal(1.0, await ValueOf<double>(store, mean));
        Assert.Equal(7L, await ValueOf<long>(store, sum));
    }

    [Fact]
    public async Task A_target_runs_only_the_matching_tasks_and_what_they_need()
    {
        var tag = Guid.NewGuid().ToString();
        var graph = Build(() =>
        {
            var a = Task(Work.Leaf, tag, 1);
            Task(Work.Sum, tag, new[] { a });
            Task(Work.Slow, tag, 2);
        });
        await using var store = TestStores.Memory();

        var summary = await JugEngine.ExecuteAsync(graph, store, Options with { Target = TaskPattern.Parse("Work.Sum") });

        Assert.Equal(2, summary.Total);
        Assert.Equal(2, summary.Executed);
        Assert.Equal(2, Work.CallsOf(tag));
    }

    [Fact]
    public async Task Results_stored_before_a_stop_are_reused_by_the_next_run()
    {
        var tag = Guid.NewGuid().ToString();
        var graph = Build(() =>
        {
            foreach (var i in Enumerable.Range(0, 200))
            {
                Task(Work.Slow, tag, i);
            }
        });
        var directory = Directory.CreateTempSubdirectory("jug-runtime-");
        try
        {
            await using (var store = TestStores.File(directory.FullName))
            {
                // Stop once some results are in, however long the silo took to start on a loaded machine.
                using var stop = new CancellationTokenSource();
                var progress = new Progress<ExecutionProgress>(p =>
                {
                    if (p.Executed >= 20)
                    {
                        stop.Cancel();
                    }
                });
                var first = await JugEngine.ExecuteAsync(graph, store, Options, progress, stop.Token);
                Assert.InRange(first.Executed, 1, 199);
            }

            await using (var store = TestStores.File(directory.FullName))
            {
                var second = await JugEngine.ExecuteAsync(graph, store, Options);
                Assert.True(second.Succeeded);
                Assert.Equal(200, second.AlreadyDone + second.Executed);
                Assert.Equal(200, Work.CallsOf(tag));
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
