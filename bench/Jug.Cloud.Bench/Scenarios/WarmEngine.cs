using Jug.Cloud.Bench.Graphs;
using Jug.Cloud.Bench.Stores;
using Jug.Cloud.Client;

namespace Jug.Cloud.Bench.Scenarios;

/// <summary>
/// An engine session whose silo is already started (by running one task), for scenarios that measure
/// how the engine keeps work flowing — latency, CPU use, data throughput — rather than its start-up.
/// </summary>
internal static class WarmEngine
{
    public static async Task<EngineSession> StartAsync(BenchStore store, ExecuteOptions options, CancellationToken cancellationToken)
    {
        var session = new EngineSession(store.Store, options);
        try
        {
            var single = BenchGraphs.Single(-1);
            var summary = await session.RunAsync(single, single.Tasks, cancellationToken: cancellationToken);
            EngineRuns.CheckAllRan(summary, 1, "engine start");
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }
}
