using System.Reflection;
using System.Security.Cryptography;
using Jug.Cloud.Cluster.Contracts;
using Jug.Cloud.Cluster.Grains;
using Jug.Cloud.Cluster.Hosting;
using Jug.Cloud.Graph;
using Jug.Cloud.Packaging;
using Jug.Cloud.Packaging.Trust;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Client.Cluster;

/// <summary>
/// Submits graphs to a cluster and follows them: packs the code of the graph's task methods into a
/// content-addressed bundle and the graph into a package, uploads each to the run's store once per
/// content, and starts the run. What <c>jugcloud submit</c> and other .NET services use.
/// </summary>
public sealed class ClusterSession
{
    /// <summary>How long the run may stay unreachable before waiting gives up.</summary>
    private static readonly TimeSpan UnreachableFor = TimeSpan.FromMinutes(2);

    private readonly ClusterConnection _connection;
    private readonly ClusterRunOptions _options;
    private readonly Dictionary<string, string> _bundleOfDirectory = new(StringComparer.Ordinal);
    private readonly HashSet<TaskHash> _submitted = [];

    /// <summary>Creates a session submitting to <paramref name="connection"/>'s cluster with results in <paramref name="store"/>.</summary>
    /// <param name="connection">The cluster.</param>
    /// <param name="store">The run's store, open here (the bundle and the package go there).</param>
    /// <param name="jugdir">The same store's URI, as the silos will open it.</param>
    /// <param name="options">Failure, timeout and lease settings of the runs.</param>
    /// <param name="name">A name for people: the jugfile's file name, or the service's.</param>
    public ClusterSession(ClusterConnection connection, IJugStore store, string jugdir, ClusterRunOptions options, string name)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(store);
        _connection = connection;
        Store = store;
        Jugdir = jugdir;
        _options = options;
        Name = name;
    }

    /// <summary>The store results go to.</summary>
    public IJugStore Store { get; }

    /// <summary>The store's URI.</summary>
    public string Jugdir { get; }

    /// <summary>The runs' name.</summary>
    public string Name { get; }

    /// <summary>
    /// Signs each bundle and package uploaded, for silos that load only signed code
    /// (<c>--trust-key</c>); null to upload unsigned. Not owned by the session.
    /// </summary>
    public BundleSigner? Signer { get; init; }

    /// <summary>The last run submitted.</summary>
    public RunInfo? LastRun { get; private set; }

    /// <summary>
    /// Submits <paramref name="scope"/> and everything it needs. Tasks whose results are stored are
    /// not run again; the returned run may be over already (nothing to do).
    /// </summary>
    public async Task<RunInfo> SubmitAsync(IReadOnlyList<TaskNode> scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var tasks = Closure(scope);
        _submitted.UnionWith(tasks.Select(t => t.Hash));
        var bundleId = await UploadBundleAsync(tasks, cancellationToken);
        var package = GraphPackage.Encode(tasks);
        var packageId = Convert.ToHexStringLower(SHA256.HashData(package));
        if (!await Store.BundleExistsAsync(packageId, cancellationToken))
        {
            await Store.PutBundleAsync(packageId, package, cancellationToken);
        }

        if (Signer is { } signer)
        {
            await signer.SignAsync(Store, packageId, cancellationToken);
        }

        var run = new RunDescriptor
        {
            RunId = Guid.NewGuid().ToString("n")[..16],
            Jugdir = Jugdir,
            BundleId = bundleId,
            PackageId = packageId,
            Name = Name,
            Options = _options,
            Submitted = DateTimeOffset.UtcNow,
            TaskCount = tasks.Count,
        };
        LastRun = await RetryAsync(() => RunOf(run.RunId).Start(run), cancellationToken);
        return LastRun.Error is { } error ? throw new ClusterRunException(error) : LastRun;
    }

    /// <summary>Waits until run <paramref name="runId"/> is over, reporting it every few seconds and whenever it changes.</summary>
    public async Task<RunInfo> WaitAsync(string runId, IProgress<RunInfo>? progress = null, CancellationToken cancellationToken = default)
    {
        var grain = RunOf(runId);
        var info = await RetryAsync(grain.GetInfo, cancellationToken);
        progress?.Report(info);
        while (!info.IsOver)
        {
            info = await RetryAsync(grain.WaitOver, cancellationToken);
            progress?.Report(info);
        }

        LastRun = info;
        return info.Error is { } error ? throw new ClusterRunException(error) : info;
    }

    /// <summary>
    /// Asks again while the silo holding the run's grain (or this client's gateway) is dying: the grain
    /// comes back on another silo from its state in Redis once the cluster has noticed.
    /// </summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + UnreachableFor;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await call().WaitAsync(cancellationToken);
            }
            catch (Exception e) when (e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    /// <summary>Submits and waits.</summary>
    public async Task<RunInfo> RunAsync(IReadOnlyList<TaskNode> scope, IProgress<RunInfo>? progress = null, CancellationToken cancellationToken = default)
    {
        var run = await SubmitAsync(scope, cancellationToken);
        return run.IsOver ? run : await WaitAsync(run.Run.RunId, progress, cancellationToken);
    }

    /// <summary>What <c>execute</c> would say of the run: counts, and the failure records of its failed tasks.</summary>
    public async Task<ExecutionSummary> SummarizeAsync(RunInfo run, TimeSpan elapsed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var failures = new List<FailureRecord>();
        if (run.Failed > 0)
        {
            await foreach (var failure in Store.ListFailuresAsync(cancellationToken))
            {
                if (_submitted.Contains(failure.Key))
                {
                    failures.Add(failure);
                }
            }
        }

        var notRun = Math.Max(0, run.Run.TaskCount - run.AlreadyDone - run.Completed - run.Failed);
        return new ExecutionSummary(run.Run.TaskCount, run.AlreadyDone, run.Completed, [.. failures.OrderBy(f => f.Time)], notRun, elapsed)
        {
            StopReason = run.State == RunState.Stopped ? StopReason.Cancelled : StopReason.None,
        };
    }

    /// <summary>The run's counters as <c>execute</c>'s progress.</summary>
    public static ExecutionProgress ProgressOf(RunInfo run, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new ExecutionProgress(run.Run.TaskCount, run.AlreadyDone, run.Completed, run.Running, run.Failed, elapsed);
    }

    /// <summary>Hands out no new task of the run; running ones finish and are stored.</summary>
    public Task StopAsync(string runId) => RunOf(runId).Stop();

    private IRunGrain RunOf(string runId) => _connection.Grains.GetGrain<IRunGrain>(runId);

    private static List<TaskNode> Closure(IReadOnlyList<TaskNode> scope)
    {
        var seen = new HashSet<TaskNode>();
        var ordered = new List<TaskNode>();
        foreach (var root in scope)
        {
            Visit(root);
        }

        return ordered;

        void Visit(TaskNode node)
        {
            if (!seen.Add(node))
            {
                return;
            }

            foreach (var dependency in node.Dependencies)
            {
                Visit(dependency);
            }

            ordered.Add(node);
        }
    }

    /// <summary>
    /// The bundle is the directory of the assembly that declares the graph's task methods (a built
    /// jugfile's output, or a service's own directory), uploaded once per content.
    /// </summary>
    private async Task<string> UploadBundleAsync(IReadOnlyList<TaskNode> tasks, CancellationToken cancellationToken)
    {
        var entry = EntryAssembly(tasks);
        var directory = Path.GetDirectoryName(entry.Location)!;
        if (_bundleOfDirectory.TryGetValue(directory, out var known))
        {
            return known;
        }

        var (id, content) = JugfileBundle.Pack(directory, Path.GetFileName(entry.Location));
        if (!await Store.BundleExistsAsync(id, cancellationToken))
        {
            await Store.PutBundleAsync(id, content, cancellationToken);
        }

        if (Signer is { } signer)
        {
            // Signed even if it was stored before: an earlier unsigned upload of the same code becomes loadable.
            await signer.SignAsync(Store, id, cancellationToken);
        }

        _bundleOfDirectory[directory] = id;
        return id;
    }

    private static Assembly EntryAssembly(IReadOnlyList<TaskNode> tasks)
    {
        var own = tasks
            .Select(t => t.Method.DeclaringType!.Assembly)
            .Where(a => !(a.GetName().Name ?? "").StartsWith("Jug.Cloud.", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        var directories = own.Select(a => Path.GetDirectoryName(a.Location)).Distinct(StringComparer.Ordinal).ToList();
        if (directories.Count > 1)
        {
            throw new InvalidOperationException(
                $"The graph's task methods come from assemblies in {directories.Count} directories ({string.Join(", ", own.Select(a => a.GetName().Name))}); a cluster run ships one build output.");
        }

        var entry = own.FirstOrDefault() ?? typeof(Jug).Assembly;
        return string.IsNullOrEmpty(entry.Location)
            ? throw new InvalidOperationException($"Assembly {entry.GetName().Name} was not loaded from a file, so it cannot be shipped to the cluster.")
            : entry;
    }
}
