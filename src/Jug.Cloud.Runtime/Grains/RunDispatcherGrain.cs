using Jug.Cloud.Runtime.Contracts;
using Jug.Cloud.Runtime.Monitoring;
using Orleans.Concurrency;

namespace Jug.Cloud.Runtime.Grains;

/// <summary>
/// Ready queue, leases, retries and run counters. Reentrant so that long-polling takers, shard pushes
/// and worker reports interleave; state changes happen synchronously between awaits.
/// </summary>
[Reentrant]
public sealed class RunDispatcherGrain : Grain, IRunDispatcherGrain
{
    /// <summary>How long a long-poll waits before answering "ask again" (well under the call timeout).</summary>
    private static readonly TimeSpan PollWindow = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);

    /// <summary>Results at least this large are worth running their dependents where they are cached.</summary>
    private const long LocalityMinBytes = 1 << 20;

    private readonly ReadyQueues _queue = new();
    private readonly Dictionary<TaskHash, string> _holders = [];
    private readonly Dictionary<string, string[]> _workerTags = new(StringComparer.Ordinal);
    private readonly Dictionary<TaskHash, Lease> _leases = [];
    private readonly ThroughputMeter _throughput = new();
    private readonly RecentFailures _recentFailures = new();
    private readonly Dictionary<TaskHash, int> _failedAttempts = [];
    private readonly HashSet<TaskHash> _heldElsewhere = [];

    /// <summary>
    /// Tasks queued again while a worker that went silent may still be running them, and whether one
    /// of their reports settled them since. Only such a task can be reported twice or be queued after it
    /// settled, so only these are remembered: a million-task run keeps no set of every settled task.
    /// </summary>
    private readonly Dictionary<TaskHash, bool> _reissued = [];
    private readonly Dictionary<string, DateTime> _lastSeen = new(StringComparer.Ordinal);
    private readonly List<Taker> _takers = [];
    private readonly List<TaskCompletionSource<RunProgress>> _finishWaiters = [];
    private RunSettings _settings = new(1, false);
    private int _submitted;
    private int _completed;
    private int _failed;
    private int _retrying;
    private int _reportsInFlight;
    private bool _sealed;
    private bool _stopping;
    private bool _finished;
    private bool _configured;
    private bool _lost;
    private bool _supervised;
    private bool _lostReported;
    private int _inputsMissing;
    private string? _firstInputMissing;

    private string LostStateReason => $"dispatcher {this.GetPrimaryKeyString()} was activated again without its state";

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Embedded workers may ask before the run is configured; only a supervised run can lose state.
        _supervised = RunKey.TryParse(this.GetPrimaryKeyString(), out _, out _);
        return base.OnActivateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task Configure(RunSettings settings)
    {
        _settings = settings;
        _configured = true;
        if (settings.LeaseTimeout > TimeSpan.Zero)
        {
            // Leases expire, and tasks waiting for a busy or missing worker become others' after the patience.
            var period = TimeSpan.FromSeconds(Math.Min(1, settings.LeaseTimeout.TotalSeconds / 4));
            this.RegisterGrainTimer(_ =>
            {
                ExpireLeases();
                ServeTakers();
                return Task.CompletedTask;
            }, period, period);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task Renew(string worker)
    {
        if (_configured)
        {
            _lastSeen[worker] = DateTime.UtcNow;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<int> GetShardCount() => Task.FromResult(_settings.ShardCount);

    /// <inheritdoc />
    public Task Enqueue(TaskHash[] ready, TaskHash[]? via)
    {
        EnsureConfigured();
        var now = DateTime.UtcNow;
        if (via is not null && _settings.InputLocality && _holders.Count > 0)
        {
            for (var i = 0; i < ready.Length; i++)
            {
                _queue.Add(ready[i], now, _holders.GetValueOrDefault(via[i]));
            }
        }
        else
        {
            if (_settings.Shuffle && ready.Length > 1)
            {
                ready = [.. ready];
                Random.Shared.Shuffle(ready);
            }

            foreach (var hash in ready)
            {
                _queue.Add(hash, now);
            }
        }

        ServeTakers();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task Place(PlacementHint[] hints)
    {
        EnsureConfigured();
        _queue.Place(hints);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task Seal(int submitted)
    {
        EnsureConfigured();
        _submitted = submitted;
        _sealed = true;
        CheckFinished();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<ReadyBatch> Take(string worker, int max, string[] tags)
    {
        if (_lost || (!_configured && _supervised))
        {
            // A dispatcher activated again after its silo died knows nothing: the run is submitted
            // again under a new epoch, which the worker finds through the cluster's run list.
            ReportLost(LostStateReason);
            return ReadyBatch.End;
        }

        _lastSeen[worker] = DateTime.UtcNow;
        _workerTags[worker] = tags;
        if (_finished)
        {
            return ReadyBatch.End;
        }

        if (!_stopping && _queue.Count > 0 && Dequeue(worker, tags, max) is { Tasks.Length: > 0 } ready)
        {
            return ready;
        }

        var taker = new Taker(worker, max, tags);
        _takers.Add(taker);
        var winner = await Task.WhenAny(taker.Result.Task, Task.Delay(PollWindow));
        if (winner != taker.Result.Task)
        {
            _takers.Remove(taker);
            taker.Result.TrySetResult(_finished ? ReadyBatch.End : ReadyBatch.Empty);
        }

        return await taker.Result.Task;
    }

    /// <inheritdoc />
    public async Task<bool> Report(string worker, TaskOutcome[] outcomes)
    {
        if (_lost || (!_configured && _supervised))
        {
            // The results are in the store; the next epoch finds them there.
            ReportLost(LostStateReason);
            return true;
        }

        var now = DateTime.UtcNow;
        _lastSeen[worker] = now;
        var done = new List<TaskOutcome>(outcomes.Length);
        var failedAttempts = 0;
        var failures = new List<TaskOutcome>();
        foreach (var outcome in outcomes)
        {
            _leases.Remove(outcome.Hash);
            if (_reissued.GetValueOrDefault(outcome.Hash))
            {
                // A late report from a worker whose lease had expired: the task was settled since.
                continue;
            }

            switch (outcome.Kind)
            {
                case OutcomeKind.Stored or OutcomeKind.DoneElsewhere:
                    if (outcome.Bytes >= LocalityMinBytes && outcome.Kind == OutcomeKind.Stored)
                    {
                        _holders[outcome.Hash] = worker;
                    }

                    _heldElsewhere.Remove(outcome.Hash);
                    _failedAttempts.Remove(outcome.Hash);
                    _completed++;
                    Settled(outcome.Hash);
                    done.Add(outcome);
                    break;
                case OutcomeKind.HeldElsewhere:
                    _heldElsewhere.Add(outcome.Hash);
                    break;
                case OutcomeKind.InputMissing when _supervised:
                    // The store lost inputs this run took as done. Everything else runs on first, so
                    // that one resubmission runs again every lost input found meanwhile.
                    _inputsMissing++;
                    _firstInputMissing ??= outcome.Error;
                    Settled(outcome.Hash);
                    break;
                case OutcomeKind.NotStarted:
                    _queue.Add(outcome.Hash, DateTime.UtcNow);
                    break;
                case OutcomeKind.Failed when outcome.Attempt < outcome.MaxAttempts && !_stopping:
                    failedAttempts++;
                    _recentFailures.Add(new FailureView(outcome.Hash, null, outcome.Error, outcome.Attempt, outcome.MaxAttempts, worker, now));
                    _failedAttempts[outcome.Hash] = outcome.Attempt;
                    _ = RetryLaterAsync(outcome.Hash, outcome.Attempt);
                    break;
                default:
                    _heldElsewhere.Remove(outcome.Hash);
                    _failedAttempts[outcome.Hash] = outcome.Attempt;
                    _failed++;
                    Settled(outcome.Hash);
                    failures.Add(outcome);
                    if (outcome.Kind == OutcomeKind.Failed)
                    {
                        failedAttempts++;
                        _recentFailures.Add(new FailureView(outcome.Hash, null, outcome.Error, outcome.Attempt, outcome.MaxAttempts, worker, now));
                    }
                    _stopping |= !_settings.KeepGoing;
                    break;
            }
        }

        _throughput.Record(now, done.Count, failedAttempts);
        _reportsInFlight++;
        try
        {
            var calls = new List<Task>();
            foreach (var (shard, stored) in ShardKey.Group(done, o => o.Hash, _settings.ShardCount))
            {
                calls.Add(Shard(shard).Complete(HashesOf(stored), SecondsOf(stored)));
            }

            foreach (var (shard, failed) in ShardKey.Group(failures, f => f.Hash, _settings.ShardCount))
            {
                calls.Add(Shard(shard).Fail([.. failed]));
            }

            await Task.WhenAll(calls);
        }
        catch (Exception e) when (_supervised && IsLostGrain(e))
        {
            // A shard's silo died: its part of the run is gone. The results are stored; the
            // supervisor submits what is missing under a new epoch.
            _lost = true;
            ReportLost($"a shard could not be reached: {e.GetType().Name}: {e.Message}");
            return true;
        }
        finally
        {
            _reportsInFlight--;
        }

        CheckFinished();
        return _stopping;
    }

    /// <inheritdoc />
    public Task<TaskHash[]> GetHeldElsewhere() => Task.FromResult(_heldElsewhere.ToArray());

    /// <inheritdoc />
    public Task Requeue(TaskHash[] tasks)
    {
        var back = tasks.Where(_heldElsewhere.Remove).ToArray();
        return Enqueue(back, null);
    }

    /// <inheritdoc />
    public Task Stop()
    {
        _stopping = true;
        CheckFinished();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<RunProgress> GetProgress()
    {
        EnsureConfigured();
        return Task.FromResult(Progress());
    }

    /// <inheritdoc />
    public Task<DispatcherView> GetView()
    {
        EnsureConfigured();
        var now = DateTime.UtcNow;
        var leased = new Dictionary<string, int>(StringComparer.Ordinal);
        var leases = new List<LeaseView>(_leases.Count);
        foreach (var (hash, lease) in _leases)
        {
            leases.Add(new LeaseView(hash, lease.Worker, lease.Since));
            leased[lease.Worker] = leased.GetValueOrDefault(lease.Worker) + 1;
        }

        var workers = _lastSeen
            .Select(w => new WorkerView(w.Key, _workerTags.GetValueOrDefault(w.Key) ?? [], w.Value, leased.GetValueOrDefault(w.Key)))
            .OrderBy(w => w.Worker, StringComparer.Ordinal)
            .ToArray();
        return Task.FromResult(new DispatcherView(Progress(), _settings.ShardCount, [.. leases], _queue.Depths(), workers, _recentFailures.Newest(), _throughput.Read(now)));
    }

    /// <inheritdoc />
    public async Task<RunProgress> WaitFinished()
    {
        EnsureConfigured();
        if (_finished)
        {
            return Progress();
        }

        var waiter = new TaskCompletionSource<RunProgress>(TaskCreationOptions.RunContinuationsAsynchronously);
        _finishWaiters.Add(waiter);
        if (await Task.WhenAny(waiter.Task, Task.Delay(PollWindow)) != waiter.Task)
        {
            _finishWaiters.Remove(waiter);
            return Progress();
        }

        return await waiter.Task;
    }

    /// <summary>Queues a failed task again after its backoff: the retry delay, doubled per earlier failure.</summary>
    private async Task RetryLaterAsync(TaskHash hash, int failedAttempt)
    {
        _retrying++;
        var delay = _settings.RetryDelay * Math.Pow(2, Math.Min(failedAttempt - 1, 16));
        await Task.Delay(delay < MaxRetryDelay ? delay : MaxRetryDelay);
        _retrying--;
        if (!_stopping && !_finished)
        {
            _queue.Add(hash, DateTime.UtcNow);
            ServeTakers();
        }

        CheckFinished();
    }

    private static TaskHash[] HashesOf(List<TaskOutcome> outcomes)
    {
        var hashes = new TaskHash[outcomes.Count];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = outcomes[i].Hash;
        }

        return hashes;
    }

    /// <summary>Run times for the shards' per-name figures; a float is plenty and halves the message.</summary>
    private static float[] SecondsOf(List<TaskOutcome> outcomes)
    {
        var seconds = new float[outcomes.Count];
        for (var i = 0; i < seconds.Length; i++)
        {
            seconds[i] = (float)outcomes[i].Seconds;
        }

        return seconds;
    }

    private void Settled(TaskHash hash)
    {
        if (_reissued.ContainsKey(hash))
        {
            _reissued[hash] = true;
        }
    }

    private ITaskShardGrain Shard(int shard) =>
        GrainFactory.GetGrain<ITaskShardGrain>(ShardKey.For(this.GetPrimaryKeyString(), shard));

    private RunProgress Progress() =>
        new(_submitted, _queue.Count + _retrying, _leases.Count, _completed, _failed, _finished, _heldElsewhere.Count, _retrying)
        {
            WaitingForTags = _queue.UnservedTags(tag => _workerTags.Any(w => _lastSeen.ContainsKey(w.Key) && w.Value.Contains(tag, StringComparer.Ordinal))),
        };

    private ReadyBatch Dequeue(string worker, string[] tags, int max)
    {
        var batch = _queue.Take(worker, tags, max, h => !_leases.ContainsKey(h) && !_reissued.GetValueOrDefault(h), DateTime.UtcNow, _settings.PreferPatience, _lastSeen.ContainsKey);
        var attempts = new int[batch.Count];
        var now = DateTime.UtcNow;
        for (var i = 0; i < batch.Count; i++)
        {
            _leases[batch[i]] = new Lease(worker, now);
            attempts[i] = 1 + _failedAttempts.GetValueOrDefault(batch[i]);
        }

        return new ReadyBatch([.. batch], attempts, false);
    }

    /// <summary>
    /// Queues again the tasks of workers not heard from within the lease timeout (their silo died or
    /// was cut off). A dead worker's task does not count as a failed attempt; a late report from a
    /// worker that was only slow is accepted once and the copy that ran elsewhere is ignored.
    /// </summary>
    private void ExpireLeases()
    {
        var deadline = DateTime.UtcNow - _settings.LeaseTimeout;
        var dead = _lastSeen.Where(w => w.Value < deadline).Select(w => w.Key).ToHashSet(StringComparer.Ordinal);
        if (dead.Count == 0)
        {
            return;
        }

        foreach (var worker in dead)
        {
            _lastSeen.Remove(worker);
        }

        var orphans = _leases.Where(l => dead.Contains(l.Value.Worker)).Select(l => l.Key).ToArray();
        foreach (var hash in orphans)
        {
            _leases.Remove(hash);
            _reissued.TryAdd(hash, false);
            _queue.Add(hash, DateTime.UtcNow);
        }

        ServeTakers();
        CheckFinished();
    }

    private void EnsureConfigured()
    {
        if (!_configured && _supervised)
        {
            ReportLost(LostStateReason);
            throw new RunStateLostException($"The dispatcher of run {this.GetPrimaryKeyString()} has lost its state (its silo stopped).");
        }
    }

    /// <summary>Errors that mean a grain of this run died with its silo, not that the run itself failed.</summary>
    private static bool IsLostGrain(Exception e) =>
        e is RunStateLostException or SiloUnavailableException or OrleansMessageRejectionException or TimeoutException;

    /// <summary>
    /// Tells the supervisor once, retrying until it answers: it may itself be reactivating after the
    /// same silo's death, and nobody else might ask it.
    /// </summary>
    private void ReportLost(string reason)
    {
        if (_lostReported || !RunKey.TryParse(this.GetPrimaryKeyString(), out var runId, out var epoch))
        {
            return;
        }

        _lostReported = true;
        _ = ReportLostAsync(GrainFactory.GetGrain<IRunSupervisorGrain>(runId), epoch, reason);
    }

    private static async Task ReportLostAsync(IRunSupervisorGrain supervisor, int epoch, string reason)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            try
            {
                await supervisor.Lost(epoch, reason);
                return;
            }
#pragma warning disable CA1031 // Any failure is retried: the supervisor's silo may be the one that died.
            catch (Exception)
#pragma warning restore CA1031
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }
    }

    private void ServeTakers()
    {
        // Share the queue among waiting workers rather than filling the first one; a worker that
        // may run none of what is queued (tagged for others, or theirs until the patience) waits on.
        for (var i = 0; i < _takers.Count && !_stopping && _queue.Count > 0;)
        {
            var taker = _takers[i];
            var share = Math.Max(1, _queue.Count / (_takers.Count - i));
            var batch = Dequeue(taker.Worker, taker.Tags, Math.Min(taker.Max, share));
            if (batch.Tasks.Length > 0)
            {
                _takers.RemoveAt(i);
                taker.Result.TrySetResult(batch);
            }
            else
            {
                i++;
            }
        }
    }

    private void CheckFinished()
    {
        var waitingForWork = !_stopping && (_queue.Count > 0 || _retrying > 0 || _heldElsewhere.Count > 0);
        if (_finished || _lost || !_sealed || _leases.Count > 0 || _reportsInFlight > 0 || waitingForWork)
        {
            return;
        }

        EndTakers();
        if (_inputsMissing > 0 && !_stopping)
        {
            _lost = true;
            ReportLost($"{_inputsMissing} tasks found inputs missing from the store; the first: {_firstInputMissing}");
            return;
        }

        _finished = true;
        var progress = Progress();
        foreach (var waiter in _finishWaiters)
        {
            waiter.TrySetResult(progress);
        }

        _finishWaiters.Clear();
        if (RunKey.TryParse(this.GetPrimaryKeyString(), out var runId, out var epoch))
        {
            _ = GrainFactory.GetGrain<IRunSupervisorGrain>(runId).Finished(epoch, progress);
        }
    }

    private void EndTakers()
    {
        foreach (var taker in _takers)
        {
            taker.Result.TrySetResult(ReadyBatch.End);
        }

        _takers.Clear();
    }

    private readonly record struct Lease(string Worker, DateTime Since);

    private sealed class Taker(string worker, int max, string[] tags)
    {
        public string Worker { get; } = worker;

        public int Max { get; } = max;

        public string[] Tags { get; } = tags;

        public TaskCompletionSource<ReadyBatch> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
