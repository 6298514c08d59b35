using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Jug.Cloud.Bench.Graphs;
using Jug.Cloud.Bench.Measurement;
using Jug.Cloud.Bench.Output;
using Jug.Cloud.Client;
using Jug.Cloud.Cluster;
using Jug.Cloud.Cluster.Hosting;
using Jug.Cloud.Cluster.Workers;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Bench.Scenarios;

/// <summary>
/// Scenario 9: three silos on loopback with Redis clustering, Redis grain storage and the Redis result
/// store, and a client that submits a fan-in of 100,000 no-op tasks the way <c>jugcloud submit --wait</c>
/// does (graph package and code bundle uploaded, run started, waited for). The silos are hosted in this
/// process, each with its own Orleans host, ports and worker slots; they talk to each other and to Redis
/// over loopback. Redis is a <c>redis-server</c> this scenario starts on a free port and stops.
/// </summary>
internal sealed class ClusterScenario : IBenchScenario
{
    private const int FullSize = 100_000;
    private const int Silos = 3;
    private const int ChainLinks = 300;

    public string Number => "9";

    public string Id => "cluster";

    public string Title => "cluster: 3 silos + Redis, 100k tasks";

    public Target Target { get; } = Target.AtLeast(10_000, Unit.TasksPerSecond);

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var redisServer = FindOnPath("redis-server");
        if (redisServer is null)
        {
            return ScenarioResult.NotAvailable("not available: needs redis-server on the PATH (Debian: apt install redis-server)");
        }

        var leaves = context.Settings.Scale(FullSize, 10);
        using var redis = RedisProcess.Start(redisServer, context.TemporaryRoot);
        var cluster = $"redis://127.0.0.1:{redis.Port}?cluster=bench";
        var jugdir = $"redis://127.0.0.1:{redis.Port}/1";
        var registry = new StoreRegistry().AddRedisStore();
        using var code = new BundleCodeLoader(Path.Combine(context.TemporaryRoot, "cluster-bundles"));
        var silos = new List<ClusterSilo>();
        try
        {
            var slots = Math.Max(1, context.Settings.Jobs);
            for (var i = 0; i < Silos; i++)
            {
                silos.Add(await ClusterSilo.StartAsync(
                    new ClusterSiloOptions
                    {
                        Cluster = ClusterAddress.Parse(cluster),
                        Worker = new SiloWorkerOptions { Name = $"bench-silo-{i}", Slots = slots, Jugdir = jugdir },
                        Services = services => services.AddRedisStoreProvider(),
                        Code = code,
                        LogLevel = LogLevel.Error,
                    },
                    cancellationToken));
            }

            await using var store = registry.Open(jugdir);
            if (context.Settings.Warmup)
            {
                // Another database: the measured run must find none of its tasks stored.
                var warmJugdir = $"redis://127.0.0.1:{redis.Port}/2";
                await using var warmStore = registry.Open(warmJugdir);
                await using var warm = await JugClient.ConnectAsync(cluster, warmStore, warmJugdir, name: "bench-warmup", cancellationToken: cancellationToken);
                await warm.RunAsync(BenchGraphs.FanIn(Math.Min(leaves, 5_000)), cancellationToken: cancellationToken);
                await JitSettle.WaitAsync(cancellationToken);
            }

            await using var client = await JugClient.ConnectAsync(cluster, store, jugdir, name: "bench", cancellationToken: cancellationToken);
            ExecutionSummary summary;
            Measurement.Measurement measured;
            TimeSpan build;
            using (var meter = ResourceMeter.Start())
            {
                var graph = BenchGraphs.FanIn(leaves);
                build = meter.Elapsed;
                summary = await client.RunAsync(graph, cancellationToken: cancellationToken);
                measured = meter.Stop();
            }

            var ran = summary.Executed + summary.AlreadyDone;
            if (!summary.Succeeded || summary.Executed < leaves)
            {
                throw new InvalidOperationException($"{Id}: the cluster run did not finish the graph: {summary}");
            }

            var latency = await ReadyToStartAsync(client, store, cancellationToken);

            return new ScenarioResult
            {
                Value = (leaves + 1) / measured.Wall.TotalSeconds,
                Measurement = measured,
                Count = leaves + 1,
                ExpectedStored = leaves + 1 + ChainLinks,
                Stored = await store.ListAsync(cancellationToken).CountAsync(cancellationToken),
                Notes = $"graph build {Units.Duration(build)}, submit and run {Units.Duration(measured.Wall - build)} " +
                    $"({Silos} silos × {slots} slots in this process, Redis {redis.Port}; {ran} tasks); " +
                    $"ready→start, median of a {ChainLinks}-link chain run after it: {Units.Duration(latency)} (target ≤ 2 ms)",
            };
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The median time from a task becoming ready to it starting on a silo, on a chain where each link
    /// becomes ready when the one before it is stored: from the run log, the gap between a link's start
    /// and the end of the link before it (storing that result, reporting it, the shards and the
    /// dispatcher, and the hand-over to a slot on any silo).
    /// </summary>
    private static async Task<TimeSpan> ReadyToStartAsync(JugClient client, IJugStore store, CancellationToken cancellationToken)
    {
        var chain = BenchGraphs.Chain(ChainLinks, first: 1_000_000_007);
        var summary = await client.RunAsync(chain, cancellationToken: cancellationToken);
        if (!summary.Succeeded || summary.Executed != ChainLinks)
        {
            throw new InvalidOperationException($"cluster: the latency chain did not run: {summary}");
        }

        var links = chain.Tasks.Select(t => t.Hash).ToHashSet();
        var runs = await store.ListRunsAsync(cancellationToken).Where(r => links.Contains(r.Key) && r.Succeeded).ToListAsync(cancellationToken);
        var ordered = runs.OrderBy(r => r.Started).ToList();
        var gaps = ordered.Skip(1).Zip(ordered, (next, previous) => next.Started - (previous.Started + previous.Duration)).Order().ToList();
        return gaps.Count == 0 ? TimeSpan.Zero : gaps[gaps.Count / 2];
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    /// <summary>A redis-server of this scenario's own, without persistence, stopped (by its pid) on dispose.</summary>
    private sealed class RedisProcess : IDisposable
    {
        private readonly Process _process;
        private readonly string _directory;

        private RedisProcess(Process process, int port, string directory)
        {
            _process = process;
            Port = port;
            _directory = directory;
        }

        public int Port { get; }

        public static RedisProcess Start(string server, string root)
        {
            var directory = Directory.CreateDirectory(Path.Combine(root, "cluster-redis-" + Guid.NewGuid().ToString("n")[..8])).FullName;
            var port = FreePort();
            var info = new ProcessStartInfo(server)
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory })
            {
                info.ArgumentList.Add(argument);
            }

            var process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (DateTime.UtcNow < deadline)
            {
                try
                {
                    using var probe = new TcpClient();
                    probe.Connect(IPAddress.Loopback, port);
                    return new RedisProcess(process, port, directory);
                }
                catch (SocketException)
                {
                    if (process.HasExited)
                    {
                        break;
                    }

                    Thread.Sleep(50);
                }
            }

            process.Kill();
            throw new InvalidOperationException($"redis-server did not listen on port {port}");
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(10_000);
            }

            _process.Dispose();
            Directory.Delete(_directory, recursive: true);
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
