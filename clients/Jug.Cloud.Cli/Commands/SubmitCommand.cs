using System.CommandLine;
using System.Diagnostics;
using Jug.Cloud.Cli.Output;
using Jug.Cloud.Client;
using Jug.Cloud.Client.Cluster;
using Jug.Cloud.Cluster;
using Jug.Cloud.Cluster.Contracts;
using Jug.Cloud.Cluster.Grains;
using Jug.Cloud.Cluster.Hosting;
using Jug.Cloud.Packaging.Trust;

namespace Jug.Cloud.Cli.Commands;

/// <summary><c>submit</c>: build the jugfile here, ship its code and graph to a cluster, and run it there.</summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var jugfile = CommonOptions.Jugfile();
        var arguments = CommonOptions.JugfileArguments();
        var wait = new Option<bool>("--wait") { Description = "Show progress until the run is over and exit as execute does (0 done, 1 failed or not done)." };
        var keepGoing = new Option<bool>("--keep-going") { Description = "Keep starting tasks after one failed for good." };
        var attempts = new Option<int>("--attempts") { Description = "Attempts per task unless its method sets [JugTask(Attempts = …)].", DefaultValueFactory = _ => 3 };
        var retryDelay = new Option<double>("--retry-delay") { Description = "Seconds before a failed task's second attempt; doubled for each later one.", DefaultValueFactory = _ => 1.0 };
        var taskTimeout = new Option<double?>("--task-timeout") { Description = "Seconds one attempt may run unless its method sets a timeout (default: none)." };
        var leaseTimeout = new Option<double>("--lease-timeout") { Description = "Seconds a silo may stay silent before its tasks run elsewhere.", DefaultValueFactory = _ => 10.0 };
        var preferPatience = new Option<double>("--prefer-patience") { Description = "Seconds a task waits for a silo with its preferred tag (or the silo caching its input) before any silo may run it.", DefaultValueFactory = _ => 5.0 };
        var noInputLocality = new Option<bool>("--no-input-locality") { Description = "Do not favour the silo that holds a task's large input." };
        var storeClaims = new Option<bool>("--store-claims") { Description = "Also claim each task in the store, when execute processes outside the cluster share the jugdir." };
        var claimTtl = new Option<double>("--claim-ttl") { Description = "With --store-claims: seconds a claim lives without keepalive (a dead silo's tasks wait this long).", DefaultValueFactory = _ => 30.0 };
        var signKey = new Option<string?>("--sign-key") { Description = "The fleet's private key (jugcloud key create): sign the code, for silos that run only signed code." };
        var waitForSilo = new Option<double>("--wait-for-silo") { Description = "Seconds to wait for a first silo when none is up, asking an autoscaler for one meanwhile (default 0: fail at once)." };
        var command = new Command("submit", "Build the jugfile here and run its tasks on a cluster of silos.")
        {
            jugfile, arguments, wait, keepGoing, attempts, retryDelay, taskTimeout, leaseTimeout, preferPatience, noInputLocality, storeClaims, claimTtl, signKey, waitForSilo,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, async () =>
        {
            var options = new ClusterRunOptions
            {
                KeepGoing = parse.GetValue(keepGoing),
                Attempts = parse.GetValue(attempts) >= 1 ? parse.GetValue(attempts) : throw new ArgumentException("--attempts must be at least 1."),
                RetryDelay = OptionValues.Seconds(parse.GetValue(retryDelay), "--retry-delay", allowZero: true),
                TaskTimeout = parse.GetValue(taskTimeout) is { } timeout ? OptionValues.Seconds(timeout, "--task-timeout") : null,
                LeaseTimeout = OptionValues.Seconds(parse.GetValue(leaseTimeout), "--lease-timeout"),
                StoreClaims = parse.GetValue(storeClaims),
                PreferPatience = OptionValues.Seconds(parse.GetValue(preferPatience), "--prefer-patience", allowZero: true),
                InputLocality = !parse.GetValue(noInputLocality),
                ClaimTimeToLive = OptionValues.Seconds(parse.GetValue(claimTtl), "--claim-ttl"),
            };
            var address = ClusterAddress.Parse(CommonOptions.RequiredCluster(parse, "submit"));
            var source = JugfileSource.Locate(parse.GetValue(jugfile));
            using var signer = parse.GetValue(signKey) is { } keyFile ? BundleSigner.FromFile(KeyCommand.Existing(keyFile, "--sign-key")) : null;
            if (parse.GetValue(waitForSilo) is var patience and not 0)
            {
                // With no silo up there is no grain to submit to: the wait is recorded in the cluster's
                // Redis, where `jugcloud autoscale` sees it and starts one.
                await SiloDemand.WaitForSiloAsync(address, OptionValues.Seconds(patience, "--wait-for-silo"), cancellationToken);
            }

            await using var connection = await ClusterConnection.ConnectAsync(address, CommonOptions.Tls(parse), cancellationToken: cancellationToken);
            var jugdir = parse.GetValue(CommonOptions.Jugdir) is { } given
                ? ClusterJugdir.Absolute(given)
                : await ClusterRegistry.Of(connection.Grains).GetDefaultJugdir()
                    ?? throw new ArgumentException("The cluster has no default jugdir yet; pass --jugdir.");
            await using var store = JugfileSession.AllStores().Open(jugdir);
            var session = new ClusterSession(connection, store, jugdir, options, source.Name) { Signer = signer };
            var clock = Stopwatch.StartNew();
            var runner = new ClusterRunner(session, new Progress<RunInfo>(run => { }));
            var loaded = await JugfileLoader.LoadAsync(source, parse.GetValue(arguments) ?? [], runner, cancellationToken);
            if (loaded.StoppedAtBarrier)
            {
                if (runner.LastRun is { } barrierRun)
                {
                    SummaryPrinter.Print(await session.SummarizeAsync(barrierRun, clock.Elapsed, cancellationToken));
                }

                await Console.Error.WriteLineAsync("jugcloud: stopped at a barrier: the tasks before it are not all done, so the rest of the jugfile was not declared.");
                return ExitCodes.NotDone;
            }

            var run = await session.SubmitAsync(loaded.Graph.Tasks, cancellationToken);
            var id = run.Run.RunId;
            if (!parse.GetValue(wait))
            {
                Console.WriteLine(run.IsOver
                    ? $"{SummaryPrinter.NothingToDo(run.Run.TaskCount).TrimEnd('.')} (run {id})."
                    : $"Submitted run {id}: {SummaryPrinter.Tasks(run.Run.TaskCount - run.AlreadyDone)} to run, {run.AlreadyDone} already done. Follow it with: jugcloud status --cluster {address} --run {id}");
                return ExitCodes.Success;
            }

            await Console.Error.WriteLineAsync($"Run {id} on cluster '{address.ClusterId}'.");
            var summary = await ProgressDisplay.RunAsync(async progress =>
            {
                var final = await session.WaitAsync(id, new Progress<RunInfo>(r => progress.Report(ClusterSession.ProgressOf(r, clock.Elapsed))), cancellationToken);
                return await session.SummarizeAsync(final, clock.Elapsed, cancellationToken);
            });
            SummaryPrinter.Print(summary);
            return summary.Succeeded ? ExitCodes.Success : ExitCodes.NotDone;
        }, cancellationToken));
        return command;
    }
}
