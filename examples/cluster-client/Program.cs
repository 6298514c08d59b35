// A service that uses Jug.Cloud as a library: it builds a graph in code, runs it (in this process,
// or on a cluster with --cluster), follows the progress, reads a value and invalidates a step.
//
//   dotnet run --project examples/cluster-client                    # embedded, results in ./cluster-client.jugdata
//   dotnet run --project examples/cluster-client -- --cluster redis://127.0.0.1:6379 --jugdir /shared/jugdata
using Jug.Cloud;
using Jug.Cloud.Client;
using Jug.Cloud.Stores.File;
using static Jug.Cloud.Jug;

var cluster = Option("--cluster");
var jugdir = Path.GetFullPath(Option("--jugdir") ?? "cluster-client.jugdata");
await using var store = new FileJugStore(new FileStoreOptions { Root = jugdir });
await using var client = cluster is null
    ? JugClient.Embedded(store)
    : await JugClient.ConnectAsync(cluster, store, jugdir, name: "cluster-client");

// The graph: what to compute, declared with the same Task(...) calls as a jugfile.
var context = new JugContext();
TaskHandle<double> mean;
using (context.Enter())
{
    var samples = Enumerable.Range(0, 40).Select(seed => Task(Statistics.Sample, seed, 100_000)).ToList();
    mean = Task(Statistics.MeanOfMeans, samples);
}

var summary = await client.RunAsync(context.Graph, new Progress<ExecutionProgress>(p =>
    Console.WriteLine($"{p.Done}/{p.Total} done, {p.Running} running, {p.Failed} failed")));
Console.WriteLine($"{(client.IsCluster ? "Cluster" : "Embedded")} run: {summary.Executed} executed, {summary.AlreadyDone} already done, {summary.Failures.Count} failed.");
Console.WriteLine($"Mean of means: {await client.ReadAsync(mean):0.0000}");

// Invalidating a step removes its result and everything downstream; the next run recomputes them.
var removed = await client.InvalidateAsync(context.Graph, "Statistics.MeanOfMeans");
Console.WriteLine($"Invalidated {removed.Removed} result(s); run again to recompute.");
return summary.Succeeded ? 0 : 1;

string? Option(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

/// <summary>The task methods: static, so that any worker can call them by name.</summary>
public static class Statistics
{
    public static double Sample(int seed, int count)
    {
        var random = new Random(seed);
        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            sum += random.NextDouble();
        }

        return sum / count;
    }

    public static double MeanOfMeans(IReadOnlyList<double> means) => means.Average();
}
