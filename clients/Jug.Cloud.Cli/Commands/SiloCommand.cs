using System.CommandLine;
using System.Net;
using Jug.Cloud.Client.Cluster;
using Jug.Cloud.Cluster;
using Jug.Cloud.Cluster.Hosting;
using Jug.Cloud.Cluster.Workers;
using Jug.Cloud.Storage;
using Jug.Cloud.Web.Cluster;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
        var insecure = new Option<bool>("--insecure") { Description = "Start on an address other machines reach without TLS (--tls-cert), so that nothing authenticates peers: anyone who reaches the silo can run code on the cluster." };
        var trustKey = new Option<string?>("--trust-key") { Description = "The fleet's public key (jugcloud key create): run only code signed with its private key." };
        var drainTimeout = new Option<double>("--drain-timeout") { Description = "Seconds running tasks may take to finish when the silo is stopped, before they are handed back to run elsewhere.", DefaultValueFactory = _ => 30.0 };
        var web = new WebOptions("--web-address", new Option<int>("--web") { Description = "Serve the cluster's status page, /metrics and Orleans' dashboard (/orleans) on this port (0 picks a free one)." });
        var command = new Command("silo", "Join a cluster as a worker silo and run its tasks until stopped (Ctrl-C or SIGTERM drains it: tasks not started go back to the cluster, running ones finish and are stored, then it leaves).")
        {
            slots, tags, name, address, port, gatewayPort, cacheDir, drainTimeout, trustKey, insecure,
        };
        foreach (var option in web.All)
        {
            command.Options.Add(option);
        }
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, async () =>
        {
            // A page that would be open to the network is refused before joining: one line, exit 2.
            var page = parse.GetResult(web.Port) is { Implicit: false } ? web.Settings(parse) : null;
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
                    DrainTimeout = OptionValues.Seconds(parse.GetValue(drainTimeout), "--drain-timeout", allowZero: true),
                },
                Services = services => services.AddAllStoreProviders(),
                BundleCacheDirectory = parse.GetValue(cacheDir),
                TrustKeyFile = parse.GetValue(trustKey) is { } keyFile ? KeyCommand.Existing(keyFile, "--trust-key") : null,
                Address = parse.GetValue(address) is { } text
                    ? IPAddress.TryParse(text, out var ip) ? ip : throw new ArgumentException($"--address '{text}' is not an IP address.")
                    : null,
                SiloPort = parse.GetValue(port),
                GatewayPort = parse.GetValue(gatewayPort),
                Insecure = parse.GetValue(insecure),
                Tls = CommonOptions.Tls(parse),
                LogLevel = parse.GetValue(CommonOptions.Verbose) ? LogLevel.Debug : LogLevel.Information,
            };
            // Ctrl-C and SIGTERM cancel the token (GracefulStop, which prints the one "Draining" line).
            var server = page is null ? null : await Validated(() => ClusterWebServer.StartSiloAsync(
                options,
                new ClusterWebSettings(page, uri => registry.Open(uri), options.BundleCacheDirectory ?? BundleCodeLoader.DefaultCacheDirectory),
                cancellationToken));
            var silo = server?.Silo ?? await Validated(() => ClusterSilo.StartAsync(options, cancellationToken));
            Console.WriteLine($"Silo {options.Worker.Name} joined cluster '{options.Cluster.ClusterId}' at {options.Cluster} (gateway {silo.Gateway}): {slotCount} slots, tags [{string.Join(",", options.Worker.Tags)}], jugdir {new StoreLocationText(jugdirUri)}{(options.TrustKeyFile is null ? "" : "; runs only code signed with the fleet key")}{(options.Tls is null ? "" : "; mutual TLS")}.");
            if (server is not null)
            {
                Console.WriteLine($"Status page at {server.Address} (/metrics, Orleans' dashboard at /orleans).");
            }

            // SIGTERM, Ctrl-C or a drain asked for on the status page: all three leave the same way.
            using var leave = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, silo.DrainRequested);
            try
            {
                await Task.Delay(Timeout.Infinite, leave.Token);
            }
            catch (OperationCanceledException)
            {
            }

            // Drains (the worker service stops first), then Orleans leaves the membership.
            if (server is not null)
            {
                await server.DisposeAsync();
            }
            else
            {
                await silo.DisposeAsync();
            }

            Console.WriteLine($"Silo {options.Worker.Name} drained and left cluster '{options.Cluster.ClusterId}'.");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    /// <summary>Starts the silo (or its web host); a setting its host refuses is bad input (one line, exit 2).</summary>
    private static async Task<T> Validated<T>(Func<Task<T>> start)
    {
        try
        {
            return await start();
        }
        catch (OptionsValidationException e)
        {
            throw new ArgumentException(string.Join(" ", e.Failures), e);
        }
    }

    /// <summary>A store URI as it may be printed (no password).</summary>
    private readonly record struct StoreLocationText(string Uri)
    {
        public override string ToString() => StoreLocation.Parse(Uri).Redacted;
    }
}
