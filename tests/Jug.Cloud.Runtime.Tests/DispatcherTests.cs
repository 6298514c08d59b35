using Jug.Cloud.Hashing;
using Jug.Cloud.Runtime.Contracts;
using Jug.Cloud.Runtime.Grains;
using Jug.Cloud.Runtime.Hosting;
using Jug.Cloud.Runtime.Submission;
using Microsoft.Extensions.Logging;

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

        // "silent" never renews; after the lease timeout its task is queued again for "alive".
        var again = await dispatcher.Take("alive", 1, []);
        Assert.Equal(lost, Assert.Single(again.Tasks));
        Assert.False(await dispatcher.Report("alive", [new TaskOutcome(lost, OutcomeKind.Stored, null, 0)]));
        await dispatcher.Report("silent", [new TaskOutcome(lost, OutcomeKind.Stored, null, 0)]);

        var progress = await dispatcher.GetProgress();
        Assert.Equal(2, progress.Completed);
        Assert.Equal(0, progress.Running);
        Assert.True(progress.Finished);
    }
}
