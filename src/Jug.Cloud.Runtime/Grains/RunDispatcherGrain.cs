using Jug.Cloud.Runtime.Contracts;
using Jug.Cloud.Runtime.Grains.Dispatching;
using Jug.Cloud.Runtime.Monitoring;
using Orleans.Concurrency;

namespace Jug.Cloud.Runtime.Grains;

/// <summary>
/// A run's dispatcher: owns its ready queue and leases (<see cref="ReadyTaskHandout"/>,
/// <see cref="LeaseTable"/>, <see cref="WorkerLiveness"/>), waiting takers (<see cref="TakerQueue"/>),
/// retries (<see cref="RetrySchedule"/>), counters (<see cref="RunTally"/>) and phase
/// (<see cref="DispatcherLifecycle"/>), and does the Orleans parts: timers, calls to the shards, reports
/// to the supervisor. Reentrant so that long-polling takers, shard pushes and worker reports interleave;
/// state changes happen synchronously between awaits.
/// </summary>
[Reentrant]
public sealed class RunDispatcherGrain : Grain, IRunDispatcherGrain
{
    /// <summary>How long a long-poll waits before answering "ask again" (well under the call timeout).</summary>
    private static readonly TimeSpan PollWindow = TimeSpan.FromSeconds(5);

    private readonly LeaseTable _leases = new();
    private readonly WorkerLiveness _workers = new();
    private readonly RetrySchedule _retries = new();
    private readonly RunTally _tally = new();
    private readonly TakerQueue _takers = new();
    private readonly RunActivity _activity = new();
    private readonly List<TaskCompletionSource<RunProgress>> _finishWaiters = [];
    private readonly ReadyTaskHandout _handout;
    private RunSettings _settings = new(1, false);
    private readonly SupervisorLink _supervisor;
    private readonly DispatcherLifecycle _lifecycle;
    private int _reportsInFlight;

    /// <summary>Creates the dispatcher's parts for the activation being created.</summary>
    public RunDispatcherGrain()
    {
        _handout = new ReadyTaskHandout(_leases, _workers, _retries);

        // Embedded workers may ask before the run is configured; only a supervised run can lose state.
        _supervisor = new SupervisorLink(GrainFactory, this.GetPrimaryKeyString());
        _lifecycle = new DispatcherLifecycle(_supervisor.Supervised);
    }

    private string LostStateReason => $"dispatcher {this.GetPrimaryKeyString()} was activated again without its state";

    /// <inheritdoc />
    public Task Configure(RunSettings settings)
    {
        _settings = settings;
        _handout.Settings = settings;
        _retries.RetryDelay = settings.RetryDelay;
        _lifecycle.Configure();
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
        if (_lifecycle.IsConfigured)
        {
            _workers.Seen(worker, DateTime.UtcNow);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<int> GetShardCount() => Task.FromResult(_settings.ShardCount);

    /// <inheritdoc />
    public Task Enqueue(TaskHash[] ready, TaskHash[]? via)
    {
        EnsureConfigured();
        _handout.Add(ready, via, DateTime.UtcNow);
        ServeTakers();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task Place(PlacementHint[] hints)
    {
        EnsureConfigured();
        _handout.Place(hints);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task Seal(int submitted)
    {
        EnsureConfigured();
        _tally.Submitted = submitted;
        _lifecycle.Seal();
        CheckFinished();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<ReadyBatch> Take(string worker, int max, string[] tags)
    {
        if (_lifecycle.HasLostState)
        {
            // A dispatcher activated again after its silo died knows nothing: the run is submitted
            // again under a new epoch, which the worker finds through the cluster's run list.
            _supervisor.Lost(LostStateReason);
            return ReadyBatch.End;
        }

        _workers.Seen(worker, tags, DateTime.UtcNow);
        if (_lifecycle.IsFinished)
        {
            return ReadyBatch.End;
        }

        if (!_lifecycle.Stopping && _handout.Queued > 0 && _handout.Take(worker, tags, max) is { Tasks.Length: > 0 } ready)
        {
            return ready;
        }

        var taker = _takers.Wait(worker, max, tags);
        var winner = await Task.WhenAny(taker.Result.Task, Task.Delay(PollWindow));
        if (winner != taker.Result.Task)
        {
            _takers.Withdraw(taker, _lifecycle.IsFinished ? ReadyBatch.End : ReadyBatch.Empty);
        }

        return await taker.Result.Task;
    }

    /// <inheritdoc />
    public async Task<bool> Report(string worker, TaskOutcome[] outcomes)
    {
        if (_lifecycle.HasLostState)
        {
            // The results are in the store; the next epoch finds them there.
            _supervisor.Lost(LostStateReason);
            return true;
        }

        var now = DateTime.UtcNow;
        _workers.Seen(worker, now);
        var done = new List<TaskOutcome>(outcomes.Length);
        var failures = new List<TaskOutcome>();
        foreach (var outcome in outcomes)
        {
            var settled = Settle(worker, outcome);
            if (settled == OutcomeKind.Stored)
            {
                done.Add(outcome);
            }
            else if (settled == OutcomeKind.Failed)
            {
                failures.Add(outcome);
            }
        }

        _activity.Reported(worker, outcomes, done.Count, now);

        _reportsInFlight++;
        try
        {
            var calls = new List<Task>();
            foreach (var (shard, stored) in ShardKey.Group(done, o => o.Hash, _settings.ShardCount))
            {
                calls.Add(Shard(shard).Complete(CompletedTasks.Hashes(stored), CompletedTasks.Seconds(stored)));
            }

            foreach (var (shard, failed) in ShardKey.Group(failures, f => f.Hash, _settings.ShardCount))
            {
                calls.Add(Shard(shard).Fail([.. failed]));
            }

            await Task.WhenAll(calls);
        }
        catch (Exception e) when (_lifecycle.Supervised && IsLostGrain(e))
        {
            // A shard's silo died: its part of the run is gone. The results are stored; the
            // supervisor submits what is missing under a new epoch.
            _lifecycle.Lose();
            _supervisor.Lost($"a shard could not be reached: {e.GetType().Name}: {e.Message}");
            return true;
        }
        finally
        {
            _reportsInFlight--;
        }

        CheckFinished();
        return _lifecycle.Stopping;
    }

    /// <inheritdoc />
    public Task Release(string worker, TaskHash[] tasks)
    {
        _handout.Release(worker, tasks, DateTime.UtcNow);
        ServeTakers();
        CheckFinished();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<TaskHash[]> GetHeldElsewhere() => Task.FromResult(_tally.HeldElsewhere());

    /// <inheritdoc />
    public Task Requeue(TaskHash[] tasks) => Enqueue(_tally.Unpark(tasks), null);

    /// <inheritdoc />
    public Task Stop()
    {
        _lifecycle.Stop();
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
        var perWorker = new Dictionary<string, int>(StringComparer.Ordinal);
        var leases = _leases.Views(perWorker);
        return Task.FromResult(new DispatcherView(
            Progress(), _settings.ShardCount, leases, _handout.Depths(), _workers.Views(perWorker), _activity.RecentFailures(), _activity.Throughput(DateTimeOffset.UtcNow)));
    }

    /// <inheritdoc />
    public async Task<RunProgress> WaitFinished()
    {
        EnsureConfigured();
        if (_lifecycle.IsFinished)
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

    /// <summary>
    /// Applies one reported outcome; returns <see cref="OutcomeKind.Stored"/> for a task done (its
    /// shard is told), <see cref="OutcomeKind.Failed"/> for one failed for good, null otherwise.
    /// </summary>
    private OutcomeKind? Settle(string worker, TaskOutcome outcome)
    {
        var hash = outcome.Hash;
        if (!_leases.EndByReport(hash))
        {
            // A late report from a worker whose lease had expired: the task was settled since.
            return null;
        }

        switch (outcome.Kind)
        {
            case OutcomeKind.Stored or OutcomeKind.DoneElsewhere:
                if (outcome.Kind == OutcomeKind.Stored)
                {
                    _handout.Stored(hash, worker, outcome.Bytes);
                }

                _tally.Complete(hash);
                _retries.Forget(hash);
                _leases.Settled(hash);
                return OutcomeKind.Stored;
            case OutcomeKind.HeldElsewhere:
                _tally.Park(hash);
                return null;
            case OutcomeKind.InputMissing:
                // The store lost inputs this run took as done. Everything else runs first, so one
                // resubmission (a new epoch, or the embedded engine's next round) reruns them all.
                _tally.InputMissing(outcome.Error);
                _leases.Settled(hash);
                return null;
            case OutcomeKind.NotStarted:
                _handout.HandBackUnstarted(hash, DateTime.UtcNow);
                return null;
            case OutcomeKind.Failed when outcome.Attempt < outcome.MaxAttempts && !_lifecycle.Stopping:
                _ = RetryLaterAsync(hash, _retries.Schedule(hash, outcome.Attempt));
                return null;
            default:
                _tally.Fail(hash);
                _retries.FailedForGood(hash, outcome.Attempt);
                _leases.Settled(hash);
                if (!_settings.KeepGoing)
                {
                    _lifecycle.Stop();
                }

                return OutcomeKind.Failed;
        }
    }

    /// <summary>Queues a failed task again once its backoff has passed.</summary>
    private async Task RetryLaterAsync(TaskHash hash, TimeSpan delay)
    {
        await Task.Delay(delay);
        _retries.Due();
        if (!_lifecycle.Stopping && !_lifecycle.IsFinished)
        {
            _handout.Add(hash, DateTime.UtcNow);
            ServeTakers();
        }

        CheckFinished();
    }

    private ITaskShardGrain Shard(int shard) =>
        GrainFactory.GetGrain<ITaskShardGrain>(ShardKey.For(this.GetPrimaryKeyString(), shard));

    private RunProgress Progress() =>
        _tally.Progress(_handout.Queued, _retries.Waiting, _leases.Count, _lifecycle.IsFinished, _handout.UnservedTags(_workers));

    /// <summary>
    /// Queues again the tasks of workers not heard from within the lease timeout (their silo died or
    /// was cut off). A dead worker's task does not count as a failed attempt; a late report from a
    /// worker that was only slow is accepted once and the copy that ran elsewhere is ignored.
    /// </summary>
    private void ExpireLeases()
    {
        var now = DateTime.UtcNow;
        var silent = _workers.Expire(now - _settings.LeaseTimeout);
        if (silent.Count > 0)
        {
            _handout.Reissue(silent, now);
            ServeTakers();
            CheckFinished();
        }
    }

    private void EnsureConfigured()
    {
        if (_lifecycle.Phase == DispatcherPhase.Unconfigured && _lifecycle.Supervised)
        {
            _supervisor.Lost(LostStateReason);
            throw new RunStateLostException($"The dispatcher of run {this.GetPrimaryKeyString()} has lost its state (its silo stopped).");
        }
    }

    /// <summary>Errors that mean a grain of this run died with its silo, not that the run itself failed.</summary>
    private static bool IsLostGrain(Exception e) =>
        e is RunStateLostException or SiloUnavailableException or OrleansMessageRejectionException or TimeoutException;

    private void ServeTakers()
    {
        if (!_lifecycle.Stopping)
        {
            _takers.Serve(_handout, _workers.IsAlive);
        }
    }

    private void CheckFinished()
    {
        var work = new OutstandingWork(_handout.Queued, _retries.Waiting, _tally.HeldElsewhereCount, _leases.Count, _reportsInFlight, _tally.InputsMissing);
        var check = _lifecycle.CheckFinished(work);
        if (check == FinishCheck.NotYet)
        {
            return;
        }

        _takers.EndAll();
        if (check == FinishCheck.InputsMissing)
        {
            _supervisor.Lost(_tally.InputsMissingReason);
            return;
        }

        var progress = Progress();
        foreach (var waiter in _finishWaiters)
        {
            waiter.TrySetResult(progress);
        }

        _finishWaiters.Clear();
        _supervisor.Finished(progress);
    }
}
