using Jug.Cloud.Cluster.Contracts;
using Orleans.Concurrency;

namespace Jug.Cloud.Cluster.Grains;

/// <summary>Persistent state of the registry.</summary>
[GenerateSerializer]
[Alias("jug.RegistryState")]
public sealed class RegistryState
{
    /// <summary>Runs workers should take part in.</summary>
    [Id(0)]
    public List<RunDescriptor> Active { get; set; } = [];

    /// <summary>The latest runs, newest last.</summary>
    [Id(1)]
    public List<RunDescriptor> Recent { get; set; } = [];

    /// <summary>The jugdir of runs that name none.</summary>
    [Id(2)]
    public string? DefaultJugdir { get; set; }
}

/// <summary>
/// Reentrant so that many workers' long polls wait together; the state changes synchronously between
/// awaits and is written before a change is announced.
/// </summary>
[Reentrant]
public sealed class ClusterRegistryGrain(
    [PersistentState("registry", ClusterStorage.Name)] IPersistentState<RegistryState> state) : Grain, IClusterRegistryGrain
{
    private const int RecentLimit = 100;
    private static readonly TimeSpan PollWindow = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DrainRequestLifetime = TimeSpan.FromHours(1);

    private readonly List<TaskCompletionSource> _watchers = [];

    // Kept in memory only: a request lost with the grain's activation is a drain the operator repeats,
    // and a silo that restarts comes back with a new address, so an old request never drains it again.
    private readonly Dictionary<string, DateTimeOffset> _draining = new(StringComparer.Ordinal);
    private long _version = DateTime.UtcNow.Ticks;

    /// <inheritdoc />
    public async Task Publish(RunDescriptor run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Replace(state.State.Active, run);
        Replace(state.State.Recent, run);
        if (state.State.Recent.Count > RecentLimit)
        {
            state.State.Recent.RemoveRange(0, state.State.Recent.Count - RecentLimit);
        }

        await state.WriteStateAsync();
        Changed();
    }

    /// <inheritdoc />
    public async Task Retire(string runId)
    {
        if (state.State.Active.RemoveAll(r => r.RunId == runId) > 0)
        {
            await state.WriteStateAsync();
            Changed();
        }
    }

    /// <inheritdoc />
    public async Task<RunList> WatchRuns(long knownVersion)
    {
        if (knownVersion == _version)
        {
            var watcher = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _watchers.Add(watcher);
            await Task.WhenAny(watcher.Task, Task.Delay(PollWindow));
            _watchers.Remove(watcher);
        }

        return new RunList(_version, [.. state.State.Active], [.. _draining.Keys]);
    }

    /// <inheritdoc />
    public Task RequestDrain(string siloAddress)
    {
        ArgumentException.ThrowIfNullOrEmpty(siloAddress);

        // A silo that left long ago cannot take a request any more; forget those.
        foreach (var (address, since) in _draining.ToArray())
        {
            if (DateTimeOffset.UtcNow - since > DrainRequestLifetime)
            {
                _draining.Remove(address);
            }
        }

        _draining[siloAddress] = DateTimeOffset.UtcNow;
        Changed();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<RunDescriptor[]> ListRuns() => Task.FromResult(state.State.Recent.AsEnumerable().Reverse().ToArray());

    /// <inheritdoc />
    public Task<string?> GetDefaultJugdir() => Task.FromResult(state.State.DefaultJugdir);

    /// <inheritdoc />
    public async Task<string> OfferDefaultJugdir(string jugdir)
    {
        if (state.State.DefaultJugdir is null)
        {
            state.State.DefaultJugdir = jugdir;
            await state.WriteStateAsync();
        }

        return state.State.DefaultJugdir;
    }

    private static void Replace(List<RunDescriptor> runs, RunDescriptor run)
    {
        var index = runs.FindIndex(r => r.RunId == run.RunId);
        if (index >= 0)
        {
            runs[index] = run;
        }
        else
        {
            runs.Add(run);
        }
    }

    private void Changed()
    {
        _version++;
        foreach (var watcher in _watchers)
        {
            watcher.TrySetResult();
        }
    }
}
