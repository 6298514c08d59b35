using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Jug.Cloud.Runtime.Contracts;
using Jug.Cloud.Runtime.Monitoring;
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
    private readonly NameRunTimes _runTimes = new();
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
    public Task Open(int shardCount, int expectedTasks)
    {
        _shardCount = shardCount;
        _tasks.EnsureCapacity(_tasks.Count + expectedTasks);
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

            var readyNow = task.PendingDependencies == 0;
            _tasks.Add(task.Hash, new ShardEntry
            {
                Name = task.Name,
                Pending = task.PendingDependencies,
                Status = readyNow ? TaskStatus.Ready : TaskStatus.Waiting,
            });
            if (readyNow)
            {
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
            ref var entry = ref Get(edge.Dependency);
            if (entry.Status == TaskStatus.Done)
            {
                satisfied.Add(edge.Dependent);
            }
            else
            {
                entry.AddDependent(edge.Dependent);
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
            ref var entry = ref Get(dependents[i]);
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
    public Task Complete(TaskHash[] tasks, float[]? seconds)
    {
        EnsureOpened();
        var dependents = new List<Edge>();
        for (var i = 0; i < tasks.Length; i++)
        {
            var hash = tasks[i];
            ref var entry = ref Get(hash);
            if (entry.Status == TaskStatus.Done)
            {
                continue;
            }

            if (seconds is not null)
            {
                _runTimes.Add(entry.Name, seconds[i]);
            }

            entry.Status = TaskStatus.Done;
            entry.LastError = null;
            switch (entry.Dependents)
            {
                case StrongBox<TaskHash> one:
                    dependents.Add(new Edge(hash, one.Value));
                    break;
                case List<TaskHash> list:
                    foreach (var dependent in list)
                    {
                        dependents.Add(new Edge(hash, dependent));
                    }

                    break;
            }

            entry.Dependents = null;
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
            ref var entry = ref Get(failure.Hash);
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
    public Task<NameCounts[]> GetNameCounts(TaskHash[] running)
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

        foreach (var hash in running)
        {
            // A leased task is still Ready here: the shard hears of it again only when it is done.
            if (_tasks.TryGetValue(hash, out var entry) && entry.Status == TaskStatus.Ready)
            {
                var counts = byName[entry.Name];
                byName[entry.Name] = counts with { Ready = counts.Ready - 1, Running = counts.Running + 1 };
            }
        }

        return Task.FromResult(byName.Values.Select(_runTimes.With).ToArray());
    }

    /// <inheritdoc />
    public Task<string?[]> GetNames(TaskHash[] tasks)
    {
        EnsureOpened();
        var names = new string?[tasks.Length];
        for (var i = 0; i < tasks.Length; i++)
        {
            names[i] = _tasks.TryGetValue(tasks[i], out var entry) ? entry.Name : null;
        }

        return Task.FromResult(names);
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
            _ = GrainFactory.GetGrain<IRunSupervisorGrain>(runId).Lost(epoch, $"shard {this.GetPrimaryKeyString()} was activated again without its state");
        }

        throw new RunStateLostException($"Shard {this.GetPrimaryKeyString()} has lost its state (its silo stopped).");
    }

    private IDispatcherSubmission Dispatcher => GrainFactory.GetGrain<IRunDispatcherGrain>(_runId);

    private ref ShardEntry Get(TaskHash hash)
    {
        ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(_tasks, hash);
        if (Unsafe.IsNullRef(ref entry))
        {
            throw new InvalidOperationException($"Task {hash.ToShortString()} was never submitted to shard {this.GetPrimaryKeyString()}.");
        }

        return ref entry;
    }

    private Task Enqueue(List<TaskHash> ready) =>
        ready.Count == 0 ? Task.CompletedTask : Dispatcher.Enqueue([.. ready], null);

    /// <summary>
    /// One task's state, held inline in the shard's table (a million-task run keeps a million of these,
    /// so no object per task): most tasks have one dependent, kept in a small box until the task is done.
    /// </summary>
    private struct ShardEntry
    {
        public string Name;
        public string? LastError;

        /// <summary>Null, a <see cref="StrongBox{T}"/> of the only dependent, or a list of them.</summary>
        public object? Dependents;
        public int Pending;
        public int FailureCount;
        public TaskStatus Status;

        public void AddDependent(TaskHash dependent)
        {
            switch (Dependents)
            {
                case null:
                    Dependents = new StrongBox<TaskHash>(dependent);
                    break;
                case StrongBox<TaskHash> one:
                    Dependents = new List<TaskHash>(2) { one.Value, dependent };
                    break;
                case List<TaskHash> list:
                    list.Add(dependent);
                    break;
            }
        }
    }
}
