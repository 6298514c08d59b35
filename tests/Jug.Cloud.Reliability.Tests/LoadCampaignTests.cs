using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Jug.Cloud.Encoding;
using Xunit.Abstractions;

namespace Jug.Cloud.Reliability.Tests;

/// <summary>
/// Load on a three-silo cluster: concurrent submitters send small graphs, each with tasks of its
/// own, in a loop while concurrent loops ask <c>status --cluster</c>, for a fixed time. Every submit
/// exits 0, every status call exits 0, the stored values are exactly those of the runs submitted, and
/// no task ran twice; the status calls' wall times are reported (p50, p99).
/// </summary>
[Collection(CampaignCollection.Name)]
[Trait("Category", "Campaign")]
public sealed class LoadCampaignTests(CampaignFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>
    /// A run's tasks: <c>count</c> parts of run <c>run</c> (the two arguments) and a total that checks
    /// each part it reads and throws on a wrong one. Values are unique across runs (a part is
    /// run × 10⁶ + 7i; a total's remainder mod 10⁶ is above any part's), so the stored values alone say
    /// which run stored what.
    /// </summary>
    private const string Jugfile = """
        var run = int.Parse(args[0]);
        var count = int.Parse(args[1]);
        var parts = Enumerable.Range(0, count).Select(i => Task(Steps.Part, run, i)).ToList();
        Task(Steps.Total, run, parts);

        public static class Steps
        {
            public static long Part(int run, int i)
            {
                Thread.Sleep(20);
                return ((long)run * 1_000_000) + (7L * i);
            }

            public static long Total(int run, IReadOnlyList<long> xs)
            {
                for (var i = 0; i < xs.Count; i++)
                {
                    if (xs[i] != ((long)run * 1_000_000) + (7L * i))
                    {
                        throw new InvalidOperationException($"run {run}: part {i} is {xs[i]}");
                    }
                }

                return xs.Sum();
            }
        }
        """;

    private readonly List<SiloProcess> _silos = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Silos leave before the fixture stops the services they use (a silo whose Redis is gone hangs on shutdown).
        await Task.WhenAll(_silos.Select(s => s.DisposeAsync().AsTask()));
    }

    [Fact]
    public async Task Concurrent_submitters_and_status_loops_all_succeed()
    {
        var size = CampaignSize.Current;
        var seed = CampaignSize.Seed();
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);

        // A file jugdir: the silos share this machine's disk, and the load lands on the cluster's
        // dispatch and status paths rather than on an emulated object store competing for the same cores.
        var result = new CampaignResult("load", "file", seed);
        var work = Directory.CreateDirectory(Path.Combine(fixture.Root, $"load-{Guid.NewGuid():n}")).FullName;
        var jugfile = Jugfiles.Write(work, Jugfile, "load.cs");
        var jugdir = Path.Combine(work, "jugdir");
        var cluster = fixture.NewCluster();
        for (var i = 1; i <= 3; i++)
        {
            _silos.Add(await SiloProcess.StartAsync(work, cluster, jugdir, $"silo-{i}"));
        }

        // Sizes drawn up front, so a seed replays the same graphs whatever the timing.
        var sizes = Enumerable.Range(0, 10_000).Select(_ => 8 + random.Next(16)).ToArray();
        var runs = new ConcurrentBag<(int Run, int Count)>();
        var submitTimes = new ConcurrentBag<double>();
        var statusTimes = new ConcurrentBag<double>();

        // One run before the clock starts: it builds the jugfile once, and status has a run to show.
        Assert.True(await SubmitAsync(work, jugfile, cluster, jugdir, 1, sizes[0], result, runs, submitTimes), string.Join(" | ", result.Notes));

        var until = DateTime.UtcNow.AddSeconds(size.LoadSeconds);
        var submitters = Enumerable.Range(1, size.LoadSubmitters).Select(s => Task.Run(async () =>
        {
            for (var iteration = 0; DateTime.UtcNow < until; iteration++)
            {
                var run = (s * 100_000) + iteration;
                await SubmitAsync(work, jugfile, cluster, jugdir, run, sizes[run % sizes.Length], result, runs, submitTimes);
            }
        })).ToList();
        var statusLoops = Enumerable.Range(0, size.LoadStatusLoops).Select(_ => Task.Run(async () =>
        {
            while (DateTime.UtcNow < until)
            {
                var clock = Stopwatch.StartNew();
                var status = await CliRunner.RunAsync(work, "status", "--cluster", cluster);
                statusTimes.Add(clock.Elapsed.TotalMilliseconds);
                if (status.ExitCode != 0)
                {
                    lock (result)
                    {
                        result.Count($"status-exit-{status.ExitCode}");
                    }

                    result.Note($"status --cluster exit {status.ExitCode}: {status.Error.Trim()}");
                }
            }
        })).ToList();
        await Task.WhenAll(submitters.Concat(statusLoops));

        result.Tried = runs.Count;
        result.Count("runs", runs.Count);
        result.Count("submitters", size.LoadSubmitters);
        result.Count("status-loops", size.LoadStatusLoops);
        result.Count("status-calls", statusTimes.Count);
        result.Count("status-p50-ms", (int)Percentile(statusTimes, 0.50));
        result.Count("status-p99-ms", (int)Percentile(statusTimes, 0.99));
        result.Count("submit-p50-ms", (int)Percentile(submitTimes, 0.50));
        await CheckStoredValuesAsync(jugdir, runs, result);
        output.WriteLine(result.Write());
        Assert.True(
            !result.Other.Keys.Any(k => k.StartsWith("submit-exit-", StringComparison.Ordinal) || k.StartsWith("status-exit-", StringComparison.Ordinal)),
            $"failed calls: {string.Join(" | ", result.Notes)}");
        Assert.True(runs.Count > size.LoadSubmitters, $"only {runs.Count} runs completed");
        Assert.True(statusTimes.Count >= size.LoadStatusLoops, $"only {statusTimes.Count} status calls");
        result.AssertBar();
    }

    /// <summary>Submits run <paramref name="run"/> and waits for it; false (and a bad outcome) unless it exits 0.</summary>
    private async Task<bool> SubmitAsync(
        string work, string jugfile, string cluster, string jugdir, int run, int count, CampaignResult result,
        ConcurrentBag<(int Run, int Count)> runs, ConcurrentBag<double> times)
    {
        var clock = Stopwatch.StartNew();
        var submit = await CliRunner.RunAsync(
            work, "submit", jugfile, run.ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture),
            "--cluster", cluster, "--jugdir", jugdir, "--wait");
        times.Add(clock.Elapsed.TotalMilliseconds);
        if (submit.ExitCode == 0)
        {
            runs.Add((run, count));
            return true;
        }

        lock (result)
        {
            result.Count($"submit-exit-{submit.ExitCode}");
        }

        result.Note($"submit of run {run} exit {submit.ExitCode}: {submit.Error.Trim()} {submit.Output.Trim().Split('\n')[^1]}");
        output.WriteLine(submit.ToString());
        return false;
    }

    /// <summary>
    /// The stored values must be exactly the values of the runs that completed: a value missing is
    /// lost, a value no run makes (or one that does not verify) is corrupt, and a task with more than
    /// one successful run in the run log ran twice.
    /// </summary>
    private static async Task CheckStoredValuesAsync(string jugdir, IEnumerable<(int Run, int Count)> runs, CampaignResult result)
    {
        var expected = new HashSet<long>();
        foreach (var (run, count) in runs)
        {
            var parts = Enumerable.Range(0, count).Select(i => ((long)run * 1_000_000) + (7L * i)).ToList();
            expected.UnionWith(parts);
            expected.Add(parts.Sum());
        }

        var seen = new HashSet<long>();
        foreach (var (key, bytes) in await StoredState.ValuesAsync(jugdir))
        {
            var value = bytes is null ? (long?)null : ResultCodec.Decode<long>(bytes);
            if (value is not { } v || !expected.Contains(v))
            {
                result.CorruptReturned++;
                result.Note($"{key} holds {value?.ToString(CultureInfo.InvariantCulture) ?? "a value that does not verify"}, which no run makes");
            }
            else
            {
                seen.Add(v);
            }
        }

        foreach (var missing in expected.Where(v => !seen.Contains(v)))
        {
            result.Lost++;
            result.Note($"the value {missing} of a completed run is not stored");
        }

        var records = await StoredState.RunsAsync(jugdir);
        result.Count("run-log-records", records.Count);
        foreach (var twice in records.Where(r => r.Succeeded).GroupBy(r => r.Key).Where(g => g.Count() > 1))
        {
            result.Duplicated += twice.Count() - 1;
            result.Note($"{twice.First().TaskName} {twice.Key} ran {twice.Count()} times: {string.Join(", ", twice.Select(r => $"{r.Worker} at {r.Started:O}"))}");
        }
    }

    private static double Percentile(IEnumerable<double> values, double quantile)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Max(0, (int)Math.Ceiling(quantile * sorted.Count) - 1)];
    }
}
