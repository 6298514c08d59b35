using System.CommandLine;
using System.Globalization;
using System.Net;
using Jug.Cloud.Autoscaling;
using Jug.Cloud.Autoscaling.Providers;
using Jug.Cloud.Client.Cluster;
using Jug.Cloud.Cluster;
using Jug.Cloud.Cluster.Hosting;

namespace Jug.Cloud.Cli.Commands;

/// <summary><c>autoscale</c>: size a cluster's fleet of silos from its queued and running work.</summary>
internal static class AutoscaleCommand
{
    /// <summary>How long one run of the scale command may take (a cloud's resize call returns in seconds).</summary>
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    public static Command Create()
    {
        var min = new Option<int>("--min") { Description = "The fewest silos, with no work at all.", DefaultValueFactory = _ => 0 };
        var max = new Option<int>("--max") { Description = "The most silos.", Required = true };
        var targetDuration = new Option<string>("--target-duration") { Description = "How long the queued and running work should take on the fleet (e.g. 30s, 2m).", DefaultValueFactory = _ => "30s" };
        var idleTimeout = new Option<string>("--idle-timeout") { Description = "How long fewer silos must be wanted before the fleet shrinks.", DefaultValueFactory = _ => "2m" };
        var upscalingSpeed = new Option<double>("--upscaling-speed") { Description = "One step adds at most max(5, this × the current silos).", DefaultValueFactory = _ => 1.0 };
        var interval = new Option<string>("--interval") { Description = "How often the cluster is read.", DefaultValueFactory = _ => "5s" };
        var unknownDuration = new Option<string>("--unknown-task-duration") { Description = "The run time assumed for a task name none of whose tasks finished yet.", DefaultValueFactory = _ => "500ms" };
        var provider = new Option<string>("--provider") { Description = "local: start and drain jugcloud silo processes here; command: run --scale-command with the desired count.", DefaultValueFactory = _ => "local" };
        provider.AcceptOnlyFromAmong("local", "command");
        var slots = new Option<int>("--slots") { Description = "Slots of each silo: passed to the local silos, and what sizing assumes (default: the processor count).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var scaleCommand = new Option<string?>("--scale-command") { Description = "With --provider command: a shell command run by /bin/sh -c with {count} replaced by the desired number of silos." };
        var drainTimeout = new Option<double?>("--drain-timeout") { Description = "Passed to the local silos: seconds running tasks may take to finish when a silo is drained." };
        var cacheDir = new Option<string?>("--cache-dir") { Description = "Passed to the local silos: where they unpack downloaded bundles." };
        var tags = new Option<string?>("--tags") { Description = "Comma-separated tags of the fleet's silos: passed to the local silos, and what the command provider's machines have. Ready tasks that require any other tag are left out of the sizing." };
        var metricsPort = new Option<int?>("--metrics-port") { Description = "Serve the autoscaler's decision as Prometheus metrics at /metrics on this port (0 picks a free one)." };
        var metricsAddress = new Option<string?>("--metrics-address") { Description = "The address /metrics listens on (default: loopback; any other needs --metrics-token)." };
        var metricsToken = new Option<string?>("--metrics-token") { Description = "The token a scrape must present as Authorization: Bearer TOKEN (or set JUGCLOUD_METRICS_TOKEN); never printed." };
        var command = new Command("autoscale", "Start and drain silos as the cluster's work asks: up at once, down after the idle timeout, always by draining. Ctrl-C or SIGTERM drains the local silos it started.")
        {
            min, max, targetDuration, idleTimeout, upscalingSpeed, interval, unknownDuration, provider, slots, scaleCommand, drainTimeout, cacheDir, tags,
            metricsPort, metricsAddress, metricsToken,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, async () =>
        {
            var clusterText = CommonOptions.RequiredCluster(parse, "autoscale");
            var address = ClusterAddress.Parse(clusterText);
            var fleetTags = (parse.GetValue(tags) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var policy = new ScalingPolicyOptions
            {
                MinSilos = parse.GetValue(min),
                MaxSilos = parse.GetValue(max),
                SlotsPerSilo = parse.GetValue(slots),
                TargetDuration = DurationText.Parse(parse.GetValue(targetDuration), "--target-duration"),
                IdleTimeout = DurationText.Parse(parse.GetValue(idleTimeout), "--idle-timeout", allowZero: true),
                UpscalingSpeed = parse.GetValue(upscalingSpeed),
                UnknownTaskDuration = DurationText.Parse(parse.GetValue(unknownDuration), "--unknown-task-duration"),
                FleetTags = new HashSet<string>(fleetTags, StringComparer.Ordinal),
            };
            var scaling = new ScalingPolicy(policy, TimeProvider.System);
            var every = DurationText.Parse(parse.GetValue(interval), "--interval");
            // Metrics open to the network are refused before anything starts: one line, exit 2.
            var metrics = MetricsSettings(parse, metricsPort, metricsAddress, metricsToken);
            // Redis is checked before anything starts: an unreachable cluster is one line, exit 2.
            var active = await ClusterRedisProbe.ActiveSilosAsync(address, cancellationToken);
            await using var fleet = parse.GetValue(provider) == "command"
                ? new CommandFleetProvider(parse.GetValue(scaleCommand) ?? throw new ArgumentException("--provider command needs --scale-command, e.g. 'gcloud compute instance-groups managed resize GROUP --size {count}'."), active, CommandTimeout, Log)
                : (IFleetProvider)LocalProvider(parse, clusterText, slots, drainTimeout, cacheDir, fleetTags);
            await using var demand = new ClusterDemandSource(address, Log);
            await using var server = metrics is { } m ? await MetricsServer.StartAsync(m.Address, m.Port, m.Token, cancellationToken) : null;
            if (server is not null)
            {
                // Without the time, as the silo prints its page's address: a line to find, not an event.
                Print($"Metrics at {server.Address}");
            }

            var tagged = fleetTags.Length == 0 ? "untagged" : $"tagged [{string.Join(",", fleetTags)}]";
            Log($"autoscaling cluster '{address.ClusterId}' at {address} with the {fleet.Name} provider: {policy.MinSilos}–{policy.MaxSilos} {tagged} silos of {policy.SlotsPerSilo} slots, target {policy.TargetDuration.TotalSeconds:0.#} s, idle timeout {policy.IdleTimeout.TotalSeconds:0.#} s, {active} silo(s) up.");
            await new Autoscaler(demand, fleet, scaling, every, TimeProvider.System, Log).RunAsync(cancellationToken);
            if (fleet.Current > 0 && fleet is LocalSiloProvider)
            {
                Log($"stopping: draining {fleet.Current} silo(s).");
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    /// <summary>Where <c>/metrics</c> is to listen, checked closed; null without <c>--metrics-port</c>.</summary>
    private static (IPAddress Address, int Port, string? Token)? MetricsSettings(ParseResult parse, Option<int?> port, Option<string?> address, Option<string?> token)
    {
        if (parse.GetValue(port) is not { } number)
        {
            return parse.GetValue(address) is null ? null : throw new ArgumentException("--metrics-address needs --metrics-port.");
        }

        if (number is < 0 or > 65535)
        {
            throw new ArgumentException("--metrics-port must be from 0 to 65535.");
        }

        var ip = parse.GetValue(address) is { } text
            ? IPAddress.TryParse(text, out var parsed) ? parsed : throw new ArgumentException($"--metrics-address '{text}' is not an IP address.")
            : IPAddress.Loopback;
        var secret = parse.GetValue(token);
        MetricsServer.CheckClosed(ip, secret, "--metrics-token", "JUGCLOUD_METRICS_TOKEN");
        return (ip, number, secret);
    }

    private static LocalSiloProvider LocalProvider(ParseResult parse, string cluster, Option<int> slots, Option<double?> drainTimeout, Option<string?> cacheDir, string[] tags)
    {
        var jugdir = parse.GetValue(CommonOptions.Jugdir) ?? throw new ArgumentException("autoscale --provider local needs --jugdir: the store its silos use.");
        List<string> extra = [];
        if (tags.Length > 0)
        {
            extra.AddRange(["--tags", string.Join(",", tags)]);
        }

        if (parse.GetValue(drainTimeout) is { } drain)
        {
            extra.AddRange(["--drain-timeout", OptionValues.Seconds(drain, "--drain-timeout", allowZero: true).TotalSeconds.ToString(CultureInfo.InvariantCulture)]);
        }

        if (parse.GetValue(cacheDir) is { } cache)
        {
            extra.AddRange(["--cache-dir", Path.GetFullPath(cache)]);
        }

        var slotCount = parse.GetValue(slots) >= 1 ? parse.GetValue(slots) : throw new ArgumentException("--slots must be at least 1.");
        var self = Environment.ProcessPath ?? throw new ArgumentException("cannot tell which program to start silos with.");
        // Run as `dotnet jugcloud.dll`, the host is dotnet: silos are started the same way.
        var underDotnet = Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        return new LocalSiloProvider(
            new SiloLaunch
            {
                FileName = self,
                Prefix = underDotnet ? ["exec", typeof(AutoscaleCommand).Assembly.Location] : [],
                Cluster = cluster,
                Jugdir = ClusterJugdir.Absolute(jugdir),
                Slots = slotCount,
                Extra = extra,
            },
            Log);
    }

    /// <summary>One line with the time: decisions, and what the silos print.</summary>
    private static void Log(string line) => Print($"{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {line}");

    /// <summary>One whole line, never interleaved with another thread's.</summary>
    private static void Print(string line)
    {
        lock (Console.Out)
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }
    }
}
