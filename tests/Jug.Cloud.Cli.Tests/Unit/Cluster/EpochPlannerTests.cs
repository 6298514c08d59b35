using System.Security.Cryptography;
using Jug.Cloud.Cluster.Runs;
using Jug.Cloud.Cluster.Workers;
using Jug.Cloud.Encoding;
using Jug.Cloud.Graph;
using Jug.Cloud.Packaging;
using Jug.Cloud.Runtime.Submission;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.Memory;
using static Jug.Cloud.Jug;

namespace Jug.Cloud.Cli.Tests.Unit.Cluster;

[Trait("Category", "Unit")]
public sealed class EpochPlannerTests
{
    private const string PackageId = "0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task An_epoch_submits_the_package_tasks_not_stored_in_declaration_order_and_counts_the_stored_by_name()
    {
        var graph = Build();
        await using var store = new MemoryJugStore();
        await store.PutBundleAsync(PackageId, GraphPackage.Encode(graph.Tasks));
        var squares = graph.Tasks.Where(t => t.Name.EndsWith(".Square", StringComparison.Ordinal)).ToList();
        await Store(store, squares[0].Hash, squares[2].Hash);

        var plan = await new EpochPlanner(new PackagePlanReader()).PlanAsync(store, PackageId);

        var expected = graph.Tasks.Where(t => t != squares[0] && t != squares[2]).ToList();
        Assert.Equal(expected.Select(t => t.Hash), plan.ToRun.Select(t => t.Hash));
        Assert.Equal(expected.Select(t => t.Dependencies.Select(d => d.Hash).ToArray()), plan.ToRun.Select(t => t.Dependencies));
        Assert.Equal(2, plan.Done);
        Assert.Equal(new Dictionary<string, int> { [squares[0].Name] = 2 }, plan.DoneByName);
    }

    [Fact]
    public async Task Stored_tasks_are_found_across_existence_batches()
    {
        var tasks = Enumerable.Range(0, StoredTasks.ExistsBatchSize + 904)
            .Select(i => new PlannedTask(TaskHash.FromBytes(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"task {i}"))), i % 2 == 0 ? "even" : "odd", []))
            .ToList();
        await using var store = new MemoryJugStore();
        var stored = tasks.Where((_, i) => i % 3 == 0).ToList();
        await Store(store, [.. stored.Select(t => t.Hash)]);

        var plan = await new EpochPlanner(new FixedPlan(tasks)).PlanAsync(store, "any");

        Assert.Equal(tasks.Except(stored), plan.ToRun);
        Assert.Equal(stored.Count, plan.Done);
        Assert.Equal(stored.Count(t => t.Name == "even"), plan.DoneByName["even"]);
        Assert.Equal(stored.Count(t => t.Name == "odd"), plan.DoneByName["odd"]);
    }

    [Fact]
    public async Task A_package_missing_from_the_store_fails_the_planning_with_its_id()
    {
        await using var store = new MemoryJugStore();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new EpochPlanner(new PackagePlanReader()).PlanAsync(store, PackageId));

        Assert.Contains(PackageId, error.Message, StringComparison.Ordinal);
    }

    private static TaskGraph Build()
    {
        var context = new JugContext();
        using (context.Enter())
        {
            var squares = Enumerable.Range(0, 3).Select(i => Task(PackagedSteps.Square, i)).ToList();
            Task(PackagedSteps.SumList, squares);
            Task(PackagedSteps.Add, squares[0], squares[1]);
        }

        return context.Graph;
    }

    private static async Task Store(MemoryJugStore store, params TaskHash[] hashes)
    {
        foreach (var hash in hashes)
        {
            await store.PutAsync(hash, ResultCodec.Encode(1));
        }
    }

    private sealed class FixedPlan(IReadOnlyList<PlannedTask> tasks) : IRunPlanReader
    {
        public Task<IReadOnlyList<PlannedTask>> ReadAsync(IJugStore store, string packageId, CancellationToken cancellationToken) => System.Threading.Tasks.Task.FromResult(tasks);
    }
}
