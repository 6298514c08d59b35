using Jug.Cloud.Client.Cluster;
using Jug.Cloud.Cluster;
using Jug.Cloud.Cluster.Contracts;
using Jug.Cloud.Cluster.Hosting;
using Jug.Cloud.Cluster.Security;
using Jug.Cloud.Encoding;
using Jug.Cloud.Graph;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Client;

/// <summary>
/// Jug.Cloud for other .NET services: run graphs built in code on an embedded engine or on a cluster,
/// follow them, read their values, invalidate results. Build a graph with a <see cref="JugContext"/>
/// and <c>Jug.Task(...)</c> calls; the task methods must be static methods of the service's own
/// assemblies, which a cluster receives as a bundle of the service's build output.
/// </summary>
public sealed class JugClient : IAsyncDisposable
{
    private readonly EngineSession? _engine;
    private readonly ClusterConnection? _connection;
    private readonly ClusterSession? _cluster;

    private JugClient(IJugStore store, EngineSession? engine, ClusterConnection? connection, ClusterSession? cluster)
    {
        Store = store;
        _engine = engine;
        _connection = connection;
        _cluster = cluster;
    }

    /// <summary>The store results go to.</summary>
    public IJugStore Store { get; }

    /// <summary>True when runs go to a cluster.</summary>
    public bool IsCluster => _cluster is not null;

    /// <summary>Runs in this process, on an Orleans silo started on the first run with work.</summary>
    public static JugClient Embedded(IJugStore store, ExecuteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new JugClient(store, new EngineSession(store, options ?? new ExecuteOptions()), null, null);
    }

    /// <summary>Runs on the cluster at <paramref name="cluster"/> (<c>redis://host:port</c>), with results in <paramref name="store"/>, which silos open as <paramref name="jugdir"/>.</summary>
    /// <exception cref="ClusterUnavailableException">No silo answers.</exception>
    public static Task<JugClient> ConnectAsync(string cluster, IJugStore store, string jugdir, ClusterRunOptions? options = null, string name = "client", CancellationToken cancellationToken = default) =>
        ConnectAsync(cluster, tls: null, store, jugdir, options, name, cancellationToken);

    /// <summary>
    /// Runs on the cluster at <paramref name="cluster"/> as the other overload does, over mutual TLS
    /// when <paramref name="tls"/> is given (silos started with <c>--tls-cert</c>): this client presents
    /// its certificate and accepts only silos whose certificates chain to the fleet CA.
    /// </summary>
    /// <exception cref="ClusterAuthenticationException">Silos are up but no TLS connection was made: a certificate was refused on either side, or only one side uses TLS.</exception>
    /// <exception cref="ClusterUnavailableException">No silo answers.</exception>
    /// <exception cref="ArgumentException">A TLS file is missing or unreadable.</exception>
    public static async Task<JugClient> ConnectAsync(string cluster, ClusterTlsOptions? tls, IJugStore store, string jugdir, ClusterRunOptions? options = null, string name = "client", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var connection = await ClusterConnection.ConnectAsync(ClusterAddress.Parse(cluster), tls, cancellationToken: cancellationToken);
        var session = new ClusterSession(connection, store, ClusterJugdir.Absolute(jugdir), options ?? new ClusterRunOptions(), name);
        return new JugClient(store, null, connection, session);
    }

    /// <summary>Runs every task of <paramref name="graph"/> not yet stored and waits for the end, reporting progress.</summary>
    public async Task<ExecutionSummary> RunAsync(TaskGraph graph, IProgress<ExecutionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (_engine is not null)
        {
            return await _engine.RunAsync(graph, graph.Tasks, progress, cancellationToken);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var run = await _cluster!.RunAsync(graph.Tasks, new Progress<RunInfo>(r => progress?.Report(ClusterSession.ProgressOf(r, clock.Elapsed))), cancellationToken);
        return await _cluster.SummarizeAsync(run, clock.Elapsed, cancellationToken);
    }

    /// <summary>The stored value of <paramref name="handle"/>'s task.</summary>
    /// <exception cref="KeyNotFoundException">The task has not run yet.</exception>
    public async Task<T> ReadAsync<T>(TaskHandle<T> handle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var stored = await Store.GetAsync(handle.Task.Hash, cancellationToken)
            ?? throw new KeyNotFoundException($"{handle.Task} has no stored result yet.");
        return ResultCodec.Decode<T>(stored);
    }

    /// <summary>Removes the results of tasks matching <paramref name="pattern"/> (Jug's forms) and of everything downstream.</summary>
    public Task<InvalidateResult> InvalidateAsync(TaskGraph graph, string pattern, CancellationToken cancellationToken = default) =>
        GraphOperations.InvalidateAsync(graph, Store, TaskPattern.Parse(pattern), cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
