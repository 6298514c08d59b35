using System.Collections.Concurrent;
using Jug.Cloud.Hashing;
using Jug.Cloud.Runtime.Contracts;
using Jug.Cloud.Runtime.Grains;
using Jug.Cloud.Runtime.Hosting;
using Jug.Cloud.Runtime.Submission;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Jug.Cloud.Runtime.Tests;

/// <summary>The dispatcher's leases, driven directly through its grain interface.</summary>
[Trait("Category", "Runtime")]
public sealed class DispatcherTests
{
    private static TaskHash Hash(int i) => CanonicalHash.OfValue($"dispatcher-test-{i}");

    [Fact]
    public async Task A_silent_workers_task_goes_to_another_and_its_late_report_is_not_counted_twice()
    {
        await using var silo = await EmbeddedSilo.StartAsync(LogLevel.Warning);
        var runId = $"lease-{Guid.NewGuid():N}";
        var tasks = new[] { new PlannedTask(Hash(1), "t.One", []), new PlannedTask(Hash(2), "t.Two", []) };
        await RunSubmitter.SubmitAsync(silo.Grains, runId, tasks, new RunSettings(2, KeepGoing: false, LeaseTimeout: TimeSpan.FromMilliseconds(300)));
        var dispatcher = silo.Grains.GetGrain<IRunDispatcherGrain>(runId);

        var first = await dispatcher.Take("silent", 1, []);
        var lost = Assert.Single(first.Tasks);
        var second = await dispatcher.Take("alive", 1, []);
        var other = Assert.Single(second.Tasks);
        Assert.NotEqual(lost, other);
        await dispatcher.Report("alive", [new TaskOutcome(other, OutcomeKind.Stored, null, 0)]);

        // "silent" never renews; after the lease timeout its task is queued again for "alive", which
        // renews while its poll waits, as a worker's heartbeat does (a poll alone proves nothing: the
        // process behind it may be dead, and a dead poll is answered empty).
        using var renewing = new CancellationTokenSource();
        var heartbeat = Task.Run(async () =>
        {
            while (!renewing.IsCancellationRequested)
            {
                await dispatcher.Renew("alive");
                await Task.Delay(50, CancellationToken.None);
            }
        });
        ReadyBatch again;
        do
        {
            again = await dispatcher.Take("alive", 1, []);
        }
        while (again.Tasks.Length == 0 && !again.Finished);

        await renewing.CancelAsync();
        await heartbeat;
        Assert.Equal(lost, Assert.Single(again.Tasks));
        Assert.Equal([true], Assert.IsType<bool[]>(again.Reissued));
        Assert.False(await dispatcher.Report("alive", [new TaskOutcome(lost, OutcomeKind.Stored, null, 0)]));
        await dispatcher.Report("silent", [new TaskOutcome(lost, OutcomeKind.Stored, null, 0)]);

        var progress = await dispatcher.GetProgress();
        Assert.Equal(2, progress.Completed);
        Assert.Equal(0, progress.Running);
        Assert.True(progress.Finished);
    }

    [Fact]
    public async Task Tasks_that_find_inputs_missing_let_the_rest_run_then_the_epoch_is_reported_lost_once()
    {
        // The recording supervisor stands in for the cluster's run grain, the only other implementation.
        await using var silo = await EmbeddedSilo.StartAsync(LogLevel.Warning, builder => builder.Services.PostConfigure<GrainTypeOptions>(
            o => o.Classes.RemoveWhere(c => c != typeof(RecordingSupervisorGrain) && c.IsAssignableTo(typeof(IRunSupervisorGrain)))));
        var runId = $"missing-{Guid.NewGuid():N}";
        var key = RunKey.For(runId, 1);
        var tasks = Enumerable.Range(10, 3).Select(i => new PlannedTask(Hash(i), $"t.T{i}", [])).ToArray();
        await RunSubmitter.SubmitAsync(silo.Grains, key, tasks, new RunSettings(2, KeepGoing: false));
        var dispatcher = silo.Grains.GetGrain<IRunDispatcherGrain>(key);
        var taken = (await dispatcher.Take("w", 3, [])).Tasks;
        Assert.Equal(3, taken.Length);

        await dispatcher.Report("w", [new TaskOutcome(taken[0], OutcomeKind.InputMissing, "input A is gone", 0)]);
        await dispatcher.Report("w", [new TaskOutcome(taken[1], OutcomeKind.InputMissing, "input B is gone", 0)]);
        Assert.Empty(RecordingSupervisorGrain.LostOf(runId)); // the third task still runs
        await dispatcher.Report("w", [new TaskOutcome(taken[2], OutcomeKind.Stored, null, 0)]);

        var lost = await RecordingSupervisorGrain.WaitLostAsync(runId);
        Assert.Equal(1, lost.Epoch);
        Assert.Contains("2 tasks found inputs missing", lost.Reason, StringComparison.Ordinal);
        Assert.Contains("input A is gone", lost.Reason, StringComparison.Ordinal);
        Assert.Equal(1, (await dispatcher.GetProgress()).Completed);
        Assert.True((await dispatcher.Take("w", 1, [])).Finished);
        await Task.Delay(200);
        Assert.Single(RecordingSupervisorGrain.LostOf(runId));
        Assert.Empty(RecordingSupervisorGrain.FinishedOf(runId));
    }
}

/// <summary>A run supervisor that records what the runtime tells it (the cluster's is the run grain).</summary>
public sealed class RecordingSupervisorGrain : Grain, IRunSupervisorGrain
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<(int Epoch, string Reason)>> Lost = new();
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<int>> Finish = new();

    public static IReadOnlyCollection<(int Epoch, string Reason)> LostOf(string runId) => [.. Lost.GetValueOrDefault(runId) ?? []];

    public static IReadOnlyCollection<int> FinishedOf(string runId) => [.. Finish.GetValueOrDefault(runId) ?? []];

    public static async Task<(int Epoch, string Reason)> WaitLostAsync(string runId)
    {
        for (var waited = 0; waited < 100; waited++)
        {
            if (LostOf(runId).FirstOrDefault() is { Reason: not null } lost)
            {
                return lost;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Run {runId} was never reported lost.");
    }

    Task IRunSupervisorGrain.Lost(int epoch, string reason)
    {
        Lost.GetOrAdd(this.GetPrimaryKeyString(), _ => new()).Enqueue((epoch, reason));
        return Task.CompletedTask;
    }

    Task IRunSupervisorGrain.Finished(int epoch, RunProgress progress)
    {
        Finish.GetOrAdd(this.GetPrimaryKeyString(), _ => new()).Enqueue(epoch);
        return Task.CompletedTask;
    }
}
