using System.CommandLine;
using Jug.Cloud.Cluster;
using Jug.Cloud.Cluster.Workers;
using Jug.Cloud.Web.Cluster;
using Jug.Cloud.Web.Hosting;
using Jug.Cloud.Web.Sources;

namespace Jug.Cloud.Cli.Commands;

/// <summary><c>webstatus</c>: Jug's web status page for a jugdir and its jugfile, live while <c>execute</c> runs on it; or, with <c>--cluster</c>, for a cluster's runs and silos.</summary>
internal static class WebstatusCommand
{
    public static Command Create()
    {
        var jugfile = CommonOptions.Jugfile();
        var arguments = CommonOptions.JugfileArguments();
        var web = new WebOptions("--address", new Option<int>("--port") { Description = "The port (default: 8080; 0 picks a free one).", DefaultValueFactory = _ => 8080 });
        var cacheDir = new Option<string?>("--cache-dir") { Description = "With --cluster: where runs' bundles are unpacked to read their graphs (default: the user's cache directory)." };
        var command = new Command("webstatus", "Serve a live status page for the jugfile's tasks, or a cluster's runs and silos: overview, tasks, failures, workers, queues and actions.")
        {
            jugfile, arguments, cacheDir,
        };
        foreach (var option in web.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, async () =>
        {
            // Refused before the jugfile is built or the cluster reached: one line, exit 2.
            var settings = web.Settings(parse);
            if (parse.GetValue(CommonOptions.Cluster) is { } cluster)
            {
                var address = ClusterAddress.Parse(cluster);
                var registry = JugfileSession.AllStores();
                var cache = parse.GetValue(cacheDir) ?? BundleCodeLoader.DefaultCacheDirectory;
                await using var page = await ClusterWebServer.StartClientAsync(address, new ClusterWebSettings(settings, uri => registry.Open(uri), cache), CommonOptions.Tls(parse), cancellationToken);
                Console.WriteLine($"Status of cluster '{address.ClusterId}' at {page.Address} (Ctrl-C stops).");
                await WaitAsync(cancellationToken);
                return ExitCodes.Success;
            }

            await using var session = await JugfileSession.OpenAsync(parse, jugfile, arguments, cancellationToken);
            using var source = new JugdirStatusSource(session.Graph, session.Store, session.Source?.Name ?? "jugfile");
            await using var server = await WebStatusServer.StartAsync(source, parse.GetValue(web.ReadOnly) ? null : new JugdirActions(source), settings, cancellationToken);
            Console.WriteLine($"Status of {session.Graph.Count} tasks in {session.Store.DisplayName} at {server.Address} (Ctrl-C stops).");
            await WaitAsync(cancellationToken);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static async Task WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
