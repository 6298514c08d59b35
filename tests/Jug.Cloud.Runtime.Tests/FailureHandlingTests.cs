using Jug.Cloud.Client;
using Jug.Cloud.Runtime.Workers;
using Jug.Cloud.Storage;
using static Jug.Cloud.Jug;
using static Jug.Cloud.Runtime.Tests.EngineTests;

namespace Jug.Cloud.Runtime.Tests;

[Trait("Category", "Runtime")]
public sealed class FailureHandlingTests
{
    private static readonly ExecuteOptions Options = new() { Jobs = 2, RetryDelay = TimeSpan.FromMilliseconds(10) };

    private static async Task<List<RunRecord>> RunsOf(IJugStore store, TaskHash task) =>
        [.. (await store.ListRunsAsync().Where(r => r.Key == task).ToListAsync()).OrderBy(r => r.Attempt)];

    [Fact]
    public async Task A_task_that_fails_twice_succeeds_on_its_third_attempt_and_its_failure_record_goes()
    {
        var tag = Guid.NewGuid().ToString();
        TaskHandle<long> flaky = null!;
        var graph = Build(() => flaky = Task(Work.Flaky, tag, 2, 42L));
        await using var store = TestStores.Memory();

        var summary = await JugEngine.ExecuteAsync(graph, store, Options);

        Assert.True(summary.Succeeded, summary.ToString());
        Assert.Equal(3, Work.CallsOf(tag));
        Assert.Equal(42L, await ValueOf<long>(store, flaky));
        Assert.Null(await store.GetFailureAsync(flaky.Hash));
        var runs = await RunsOf(store, flaky.Hash);
        Assert.Equal([(1, false), (2, false), (3, true)], runs.Select(r => (r.Attempt, r.Succeeded)));
    }

    [Fact]
    public async Task After_its_last_attempt_a_task_is_failed_with_the_attempt_recorded_and_dependents_wait()
    {
        var tag = Guid.NewGuid().ToString();
        TaskHandle<long> flaky = null!;
        var graph = Build(() =>
        {
            flaky = Task(Work.Flaky, tag, 10, 1L);
            Task(Work.Add, tag + "-downstream", flaky, 1L);
        });
        await using var store = TestStores.Memory();

        var summary = await JugEngine.ExecuteAsync(graph, store, Options with { Attempts = 4 });

        Assert.Equal(4, Work.CallsOf(tag));
        var failure = Assert.Single(summary.Failures);
        Assert.Equal((4, typeof(IOException).FullName), (failure.Attempt, failure.ExceptionType));
        Assert.Equal(4, (await store.GetFailureAsync(flaky.Hash))?.Attempt);
        Assert.Equal(1, summary.NotRun);
        Assert.Equal(0, Work.CallsOf(tag + "-downstream"));
    }

    [Fact]
    public async Task A_failure_that_quotes_a_password_is_recorded_without_it()
    {
        var tag = Guid.NewGuid().ToString();
        const string Password = "task-Pw-5v";
        TaskHandle<long> leaky = null!;
        var graph = Build(() => leaky = Task(Work.LeakyFailure, tag, Password));
        await using var store = TestStores.Memory();

        var summary = await JugEngine.ExecuteAsync(graph, store, Options);

        var failure = Assert.Single(summary.Failures);
        var stored = await store.GetFailureAsync(leaky.Hash);
        Assert.NotNull(stored);
        Assert.Equal("cannot reach redis://app:***@10.0.0.9:6379/0", stored.Message);
        Assert.All(new[] { failure.Message, failure.StackTrace, stored.Message, stored.StackTrace }, text => Assert.DoesNotContain(Password, text, StringComparison.Ordinal));
        Assert.Contains("LeakyFailure", stored.StackTrace, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // inputs read ahead in parallel, as from any store not in memory
    public async Task Corrupt_inputs_are_recomputed_in_the_same_execute_and_are_not_the_readers_failure(bool fileStore)
    {
        var tag = Guid.NewGuid().ToString();
        TaskHandle<long> left = null!, right = null!, top = null!, after = null!;
        var graph = Build(() =>
        {
            left = Task(Work.Leaf, tag, 1);
            right = Task(Work.Leaf, tag, 2);
            top = Task(Work.Add, tag, left, right);
            after = Task(Work.Add, tag + "-after", top, 10L);
        });
        var directory = Directory.CreateTempSubdirectory("jug-runtime-");
        try
        {
            await using var store = fileStore ? TestStores.File(directory.FullName) : TestStores.Memory();

            // Both inputs count as stored when the run is planned but are unreadable (as an upload cut
            // off midway can leave them): top finds them corrupt, and its producers run again first.
            await store.PutAsync(left.Hash, "not a stored result"u8.ToArray());
            await store.PutAsync(right.Hash, "not a stored result"u8.ToArray());

            var summary = await JugEngine.ExecuteAsync(graph, store, Options with { Attempts = 1 });

            Assert.True(summary.Succeeded, summary.ToString());
            Assert.Empty(summary.Failures);
            Assert.Equal(4, summary.Executed);
            Assert.Equal(3L, await ValueOf<long>(store, top));
            Assert.Equal(13L, await ValueOf<long>(store, after));
            Assert.Empty(await store.ListFailuresAsync().ToListAsync());
            Assert.Equal(3, Work.CallsOf(tag)); // each leaf once, and top once: never called with a lost input
            Assert.Equal(1, Work.CallsOf(tag + "-after"));
            Assert.DoesNotContain(await store.ListRunsAsync().ToListAsync(), r => !r.Succeeded);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_task_that_failed_is_not_run_again_when_lost_inputs_bring_another_round(bool keepGoing)
    {
        // The campaign found the failing task run (and reported) twice in one execute: the round that
        // recomputed a lost input planned again every task without a result, the failed one included.
        var tag = Guid.NewGuid().ToString();
        TaskHandle<long> leaf = null!, top = null!;
        var graph = Build(() =>
        {
            leaf = Task(Work.Leaf, tag, 1);
            top = Task(Work.Add, tag, leaf, 10L);
            var broken = Task(Work.Flaky, tag + "-broken", 10, 1L);
            Task(Work.Add, tag + "-after-broken", broken, 1L);
        });
        await using var store = TestStores.Memory();
        await store.PutAsync(leaf.Hash, "not a stored result"u8.ToArray());

        var summary = await JugEngine.ExecuteAsync(graph, store, Options with { Attempts = 1, KeepGoing = keepGoing, Jobs = 1 });

        Assert.Equal(1, Work.CallsOf(tag + "-broken"));
        Assert.Single(summary.Failures);
        Assert.Equal(0, Work.CallsOf(tag + "-after-broken"));
        if (keepGoing)
        {
            // The lost input was still recomputed and its reader ran; only the failed task's dependent did not.
            Assert.Equal(11L, await ValueOf<long>(store, top));
            Assert.Equal(1, summary.NotRun);
        }
    }

    [Fact]
    public async Task A_method_can_set_its_own_attempts()
    {
        var tag = Guid.NewGuid().ToString();
        var graph = Build(() => Task(Work.BoomOnce, tag, 1L));
        await using var store = TestStores.Memory();

        var summary = await JugEngine.ExecuteAsync(graph, store, Options with { Attempts = 5 });

        Assert.Equal(1, Work.CallsOf(tag));
        Assert.Equal(1, Assert.Single(summary.Failures).Attempt);
    }

    [Fact]
    public async Task Backoff_spaces_the_attempts()
    {
        var tag = Guid.NewGuid().ToString();
        TaskHandle<long> flaky = null!;
        var graph = Build(() => flaky = Task(Work.Flaky, tag, 2, 1L));
        await using var store = TestStores.Memory();

        await JugEngine.ExecuteAsync(graph, store, Options with { RetryDelay = TimeSpan.FromMilliseconds(200) });

        var runs = await RunsOf(store, flaky.Hash);
        Assert.Equal(3, runs.Count);
        // 200 ms before the second attempt, 400 ms before the third.
        Assert.True(runs[1].Started - runs[0].Started >= TimeSpan.FromMilliseconds(190), $"{runs[1].Started - runs[0].Started}");
        Assert.True(runs[2].Started - runs[1].Started >= TimeSpan.FromMilliseconds(390), $"{runs[2].Started - runs[1].Started}");
    }

    [Fact]
    public async Task A_task_past_its_timeout_is_cancelled_and_counted_as_a_failed_attempt()
    {
        var tag = Guid.NewGuid().ToString();
        TaskHandle<long> patient = null!;
        var graph = Build(() => patient = Task(Work.Patient, tag, 30));
        await using var store = TestStores.Memory();

        var summary = await JugEngine.ExecuteAsync(graph, store, Options);

        Assert.Equal(2, Work.CallsOf(tag));
        var failure = Assert.Single(summary.Failures);
        Assert.Equal(typeof(TimeoutException).FullName, failure.ExceptionType);
        Assert.Equal(2, failure.Attempt);
        Assert.True(summary.Elapsed < TimeSpan.FromSeconds(20), $"took {summary.Elapsed}");
    }

    [Fact]
    public async Task A_task_that_ignores_cancellation_is_abandoned_at_its_timeout_and_the_run_goes_on()
    {
        var tag = Guid.NewGuid().ToString();
        var other = tag + "-other";
        var graph = Build(() =>
        {
            Task(Work.Stubborn, tag, 20);
            Task(Work.Leaf, other, 1);
        });
        await using var store = TestStores.Memory();

        var summary = await JugEngine.ExecuteAsync(graph, store, Options with { KeepGoing = true });

        Assert.Equal(typeof(TimeoutException).FullName, Assert.Single(summary.Failures).ExceptionType);
        Assert.Equal(1, summary.Executed);
        Assert.True(summary.Elapsed < TimeSpan.FromSeconds(15), $"took {summary.Elapsed}");
    }

    [Fact]
    public async Task Debug_mode_fails_a_task_that_changed_its_argument()
    {
        var tag = Guid.NewGuid().ToString();
        TaskHandle<double> median = null!;
        var graph = Build(() => median = Task(Work.Median, tag, Task(Work.Reversed, tag, 5)));
        await using var store = TestStores.Memory();

        var checkedRun = await JugEngine.ExecuteAsync(graph, store, Options with { Debug = true, Attempts = 1 });

        var failure = Assert.Single(checkedRun.Failures);
        Assert.Equal(typeof(ArgumentMutatedException).FullName, failure.ExceptionType);
        Assert.Contains("argument 2 (xs)", failure.Message);

        var plain = await JugEngine.ExecuteAsync(graph, store, Options);
        Assert.True(plain.Succeeded);
        Assert.Equal(3.0, await ValueOf<double>(store, median));
    }

    [Fact]
    public async Task Each_run_is_in_the_run_log_with_worker_and_duration()
    {
        var tag = Guid.NewGuid().ToString();
        TaskHandle<long> slow = null!;
        var graph = Build(() => slow = Task(Work.Slow, tag, 1));
        await using var store = TestStores.Memory();

        await JugEngine.ExecuteAsync(graph, store, Options with { WorkerName = "test-worker" });

        var run = Assert.Single(await RunsOf(store, slow.Hash));
        Assert.Equal(("test-worker", true, "Jug.Cloud.Runtime.Tests.Work.Slow"), (run.Worker, run.Succeeded, run.TaskName));
        Assert.InRange(run.Duration, TimeSpan.FromMilliseconds(15), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_stop_file_stops_the_run_after_running_tasks_and_the_next_run_finishes()
    {
        const int TaskCount = 300;
        var tag = Guid.NewGuid().ToString();
        var graph = Build(() =>
        {
            foreach (var i in Enumerable.Range(0, TaskCount))
            {
                Task(Work.Slow, tag, i);
            }
        });
        var directory = Directory.CreateTempSubdirectory("jug-stopfile-");
        try
        {
            var stopFile = Path.Combine(directory.FullName, "__jug_please_stop_running.txt");
            await using var store = TestStores.Memory();
            var options = Options with { StopFile = stopFile };
            var running = JugEngine.ExecuteAsync(graph, store, options);

            // Stop once tasks run, not after a fixed time: on a loaded machine a fixed wait can outlast the run.
            while (Work.CallsOf(tag) < 3 && !running.IsCompleted)
            {
                await System.Threading.Tasks.Task.Delay(10);
            }

            await File.WriteAllTextAsync(stopFile, "");

            var stopped = await running;
            Assert.Equal(StopReason.StopFile, stopped.StopReason);
            Assert.InRange(stopped.Executed, 1, TaskCount - 1);
            Assert.Equal(TaskCount, stopped.Executed + stopped.NotRun);

            File.Delete(stopFile);
            var rest = await JugEngine.ExecuteAsync(graph, store, options);
            Assert.True(rest.Succeeded);
            Assert.Equal(stopped.Executed, rest.AlreadyDone);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
