using System.CommandLine;
using System.Net;
using Jug.Cloud.Client.Cluster;
using Jug.Cloud.Cluster;
using Jug.Cloud.Cluster.Hosting;
using Jug.Cloud.Cluster.Workers;
using Jug.Cloud.Storage;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Cli.Commands;

/// <summary><c>silo</c>: join a cluster as a worker silo and run its tasks until stopped.</summary>
internal static class SiloCommand
{
    public static Command Create()
    {
        var slots = new Option<int>("--slots") { Description = "Tasks run at once (default: the processor count).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var tags = new Option<string?>("--tags") { Description = "Comma-separated tags of this silo, for tasks that prefer or require one." };
        var name = new Option<string?>("--name") { Description = "The silo's name, recorded with the tasks it runs (default: host:pid)." };
        var address = new Option<string?>("--address") { Description = "The address other silos and clients reach this one at (default: loopback when Redis is on loopback, else this machine's outward address)." };
        var port = new Option<int>("--port") { Description = "Silo-to-silo port (default: a free one)." };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Client gateway port (default: a free one)." };
        var cacheDir = new Option<string?>("--cache-dir") { Description = "Where downloaded bundles are unpacked (default: the user's cache directory)." };
        var command = new Command("silo", "Join a cluster as a worker silo and run its tasks until stopped (Ctrl-C or SIGTERM).")
        {
            slots, tags, name, address, port, gatewayPort, cacheDir,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, async () =>
        {
            var jugdir = parse.GetValue(CommonOptions.Jugdir) ?? throw new ArgumentException("silo needs --jugdir: the store runs use unless they name another.");
            var registry = JugfileSession.AllStores();
            var jugdirUri = ClusterJugdir.Absolute(jugdir);
            await using (registry.Open(jugdirUri))
            {
                // Opened once here so that a bad URI or an unreachable store is one line before joining.
            }

            var slotCount = parse.GetValue(slots);
            if (slotCount < 1)
            {
                throw new ArgumentException("--slots must be at least 1.");
            }

            var options = new ClusterSiloOptions
            {
                Cluster = ClusterAddress.Parse(CommonOptions.RequiredCluster(parse, "silo")),
                Worker = new SiloWorkerOptions
                {
                    Name = parse.GetValue(name) ?? $"{Environment.MachineName}:{Environment.ProcessId}",
                    Slots = slotCount,
                    Tags = (parse.GetValue(tags) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    Jugdir = jugdirUri,
                },
                Services = services => services.AddAllStoreProviders(),
                BundleCacheDirectory = parse.GetValue(cacheDir),
                Address = parse.GetValue(address) is { } text
                    ? IPAddress.TryParse(text, out var ip) ? ip : throw new ArgumentException($"--address '{text}' is not an IP address.")
                    : null,
                SiloPort = parse.GetValue(port),
                GatewayPort = parse.GetValue(gatewayPort),
                LogLevel = parse.GetValue(CommonOptions.Verbose) ? LogLevel.Debug : LogLevel.Information,
            };
            using var stop = new GracefulStop();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, cancellationToken);
            var silo = await ClusterSilo.StartAsync(options, linked.Token);
            Console.WriteLine($"Silo {options.Worker.Name} joined cluster '{options.Cluster.ClusterId}' at {options.Cluster} (gateway {silo.Gateway}): {slotCount} slots, tags [{string.Join(",", options.Worker.Tags)}], jugdir {new StoreLocationText(jugdirUri)}.");
            try
            {
                await Task.Delay(Timeout.Infinite, linked.Token);
            }
            catch (OperationCanceledException)
            {
            }

            Console.WriteLine("Leaving the cluster: running tasks finish and are stored.");
            await silo.DisposeAsync();
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    /// <summary>A store URI as it may be printed (no password).</summary>
    private readonly record struct StoreLocationText(string Uri)
    {
        public override string ToString() => StoreLocation.Parse(Uri).Redacted;
    }
}
