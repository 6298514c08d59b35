using Jug.Cloud.Runtime.Contracts;
using Orleans.Concurrency;

namespace Jug.Cloud.Runtime.Grains;

/// <summary>
/// Task state for one shard of a run. Reentrant: shards call each other (a completion satisfies
/// dependents elsewhere) and a non-reentrant pair would deadlock; every state change happens
/// synchronously between awaits, so interleaving is safe.
/// </summary>
[Reentrant]
public sealed class TaskShardGrain : Grain, ITaskShardGrain
{
    private readonly Dictionary<TaskHash, ShardEntry> _tasks = [];
    private string _runId = "";
    private int _shardCount;
    private bool _opened;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _runId = ShardKey.RunIdOf(this.GetPrimaryKeyString());
        return base.OnActivateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task Open(int shardCount)
    {
        _shardCount = shardCount;
        _opened = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task AddTasks(TaskSubmission[] tasks)
    {
        if (_shardCount == 0)
        {
            _shardCount = await Dispatcher.GetShardCount();
        }

        _opened = true;
        var ready = new List<TaskHash>();
        foreach (var task in tasks)
        {
            if (_tasks.ContainsKey(task.Hash))
            {
                continue;
            }

            var entry = new ShardEntry(task.Name, task.PendingDependencies);
            _tasks.Add(task.Hash, entry);
            if (task.PendingDependencies == 0)
            {
                entry.Status = TaskStatus.Ready;
                ready.Add(task.Hash);
            }
        }

        await Enqueue(ready);
    }

    /// <inheritdoc />
    public Task<TaskHash[]> Link(Edge[] edges)
    {
        EnsureOpened();
        var satisfied = new List<TaskHash>();
        foreach (var edge in edges)
        {
            var entry = Get(edge.Dependency);
            if (entry.Status == TaskStatus.Done)
            {
                satisfied.Add(edge.Dependent);
            }
            else
            {
                (entry.Dependents ??= []).Add(edge.Dependent);
            }
        }

        return Task.FromResult(satisfied.ToArray());
    }

    /// <inheritdoc />
    public Task Satisfy(TaskHash[] dependents, TaskHash[]? via)
    {
        EnsureOpened();
        var ready = new List<TaskHash>();
        var readyVia = via is null ? null : new List<TaskHash>();
        for (var i = 0; i < dependents.Length; i++)
        {
            var entry = Get(dependents[i]);
            if (--entry.Pending == 0 && entry.Status == TaskStatus.Waiting)
            {
                entry.Status = TaskStatus.Ready;
                ready.Add(dependents[i]);
                readyVia?.Add(via![i]);
            }
        }

        return ready.Count == 0 ? Task.CompletedTask : Dispatcher.Enqueue([.. ready], readyVia?.ToArray());
    }

    /// <inheritdoc />
    public Task Complete(TaskHash[] tasks)
    {
        EnsureOpened();
        var dependents = new List<Edge>();
        foreach (var hash in tasks)
        {
            var entry = Get(hash);
            if (entry.Status == TaskStatus.Done)
            {
                continue;
            }

            entry.Status = TaskStatus.Done;
            entry.LastError = null;
            if (entry.Dependents is { } list)
            {
                foreach (var dependent in list)
                {
                    dependents.Add(new Edge(hash, dependent));
                }

                entry.Dependents = null;
            }
        }

        if (dependents.Count == 0)
        {
            return Task.CompletedTask;
        }

        var calls = ShardKey.Group(dependents, e => e.Dependent, _shardCount)
            .Select(g => GrainFactory.GetGrain<ITaskShardGrain>(ShardKey.For(_runId, g.Key))
                .Satisfy([.. g.Value.Select(e => e.Dependent)], [.. g.Value.Select(e => e.Dependency)]));
        return Task.WhenAll(calls);
    }

    /// <inheritdoc />
    public Task Fail(TaskOutcome[] failures)
    {
        EnsureOpened();
        foreach (var failure in failures)
        {
            var entry = Get(failure.Hash);
            entry.Status = TaskStatus.Failed;
            entry.FailureCount = failure.Attempt;
            entry.LastError = failure.Error;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ShardCounts> GetCounts()
    {
        EnsureOpened();
        int waiting = 0, ready = 0, done = 0, failed = 0;
        foreach (var entry in _tasks.Values)
        {
            switch (entry.Status)
            {
                case TaskStatus.Waiting: waiting++; break;
                case TaskStatus.Ready: ready++; break;
                case TaskStatus.Done: done++; break;
                case TaskStatus.Failed: failed++; break;
            }
        }

        return Task.FromResult(new ShardCounts(waiting, ready, done, failed));
    }

    /// <inheritdoc />
    public Task<NameCounts[]> GetNameCounts()
    {
        EnsureOpened();
        var byName = new Dictionary<string, NameCounts>(StringComparer.Ordinal);
        foreach (var entry in _tasks.Values)
        {
            var counts = byName.GetValueOrDefault(entry.Name) ?? new NameCounts(entry.Name, 0, 0, 0, 0, null);
            byName[entry.Name] = entry.Status switch
            {
                TaskStatus.Waiting => counts with { Waiting = counts.Waiting + 1 },
                TaskStatus.Ready => counts with { Ready = counts.Ready + 1 },
                TaskStatus.Done => counts with { Done = counts.Done + 1 },
                _ => counts with { Failed = counts.Failed + 1, LastError = entry.LastError ?? counts.LastError },
            };
        }

        return Task.FromResult(byName.Values.ToArray());
    }

    /// <summary>
    /// A shard that was never opened but is asked about tasks lost its state with a dead silo; in a
    /// supervised run the supervisor is told, and the caller gets an error rather than a wrong answer.
    /// </summary>
    private void EnsureOpened()
    {
        if (_opened)
        {
            return;
        }

        if (RunKey.TryParse(_runId, out var runId, out var epoch))
        {
            _ = GrainFactory.GetGrain<IRunSupervisorGrain>(runId).Lost(epoch);
        }

        throw new RunStateLostException($"Shard {this.GetPrimaryKeyString()} has lost its state (its silo stopped).");
    }

    private IRunDispatcherGrain Dispatcher => GrainFactory.GetGrain<IRunDispatcherGrain>(_runId);

    private ShardEntry Get(TaskHash hash) =>
        _tasks.TryGetValue(hash, out var entry)
            ? entry
            : throw new InvalidOperationException($"Task {hash.ToShortString()} was never submitted to shard {this.GetPrimaryKeyString()}.");

    private Task Enqueue(List<TaskHash> ready) =>
        ready.Count == 0 ? Task.CompletedTask : Dispatcher.Enqueue([.. ready], null);

    private sealed class ShardEntry(string name, int pending)
    {
        public string Name { get; } = name;

        public int Pending { get; set; } = pending;

        public TaskStatus Status { get; set; }

        public List<TaskHash>? Dependents { get; set; }

        public int FailureCount { get; set; }

        public string? LastError { get; set; }
    }
}
