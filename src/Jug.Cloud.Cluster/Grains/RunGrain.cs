using Jug.Cloud.Cluster.Contracts;
using Jug.Cloud.Cluster.Runs;
using Jug.Cloud.Cluster.Workers;
using Jug.Cloud.Runtime.Contracts;
using Jug.Cloud.Runtime.Grains;
using Jug.Cloud.Runtime.Monitoring;
using Jug.Cloud.Runtime.Submission;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Jug.Cloud.Cluster.Grains;

/// <summary>
/// Coordinates one run: plans each epoch (<see cref="EpochPlanner"/>), submits it to the epoch's
/// shards and dispatcher, moves the run through its states (<see cref="RunLifecycle"/>), answers with
/// its counters (<see cref="RunCounts"/>) and checks on it by itself (<see cref="RunWatchdog"/>).
/// Reentrant: a lost grain's report or the dispatcher's "finished" may arrive while a submission is
/// awaited; state changes happen between awaits.
/// </summary>
[Reentrant]
public sealed partial class RunGrain(
    [PersistentState("run", ClusterStorage.Name)] IPersistentState<RunGrainState> state,
    ClusterStores stores,
    IRunPlanReader plans,
    ILogger<RunGrain> logger) : Grain, IRunGrain, IWatchedRun
{
    private const int ShardCount = global::Jug.Cloud.Runtime.RuntimeLimits.ShardCount;
    private static readonly TimeSpan PollWindow = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(10);

    private readonly EpochPlanner _planner = new(plans);
    private readonly RunCounts _counts = new();
    private readonly List<TaskCompletionSource> _waiters = [];

    /// <summary>The last submission started (first epoch or a new one); another may start once it completed.</summary>
    private Task? _submitting;

    private RunGrainState S => state.State;

    private bool SubmissionUnderWay => _submitting is { IsCompleted: false };

    RunDescriptor? IWatchedRun.Run => S.Run;

    bool IWatchedRun.SubmissionUnderWay => SubmissionUnderWay;

    bool IWatchedRun.EpochRunning => S.State == RunState.Running && S.Final is null;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var watchdog = new RunWatchdog(this, logger);
        this.RegisterGrainTimer(_ => watchdog.TickAsync(), RunWatchdog.Period, RunWatchdog.Period);
        return base.OnActivateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<RunInfo> Start(RunDescriptor run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (S.Run is { } existing)
        {
            if (existing.PackageId != run.PackageId || existing.BundleId != run.BundleId)
            {
                throw new ArgumentException($"Run {run.RunId} exists with another graph; submit under a new run id.", nameof(run));
            }

            ResumeSubmission(existing);
        }
        else
        {
            S.Run = run with { Epoch = 0 };
            _submitting = SubmitAsync(1, RunLifecycle.Starting);
        }

        // A large graph takes longer to submit than a call may last: answer after a while either
        // way; the caller follows the run with WaitOver.
        if (_submitting is { } pending)
        {
            await Task.WhenAny(pending, Task.Delay(StartWait));
        }

        return await GetInfo();
    }

    /// <summary>
    /// A run left Submitting with no submission under way was being submitted by a silo that died
    /// midway: finish the job under a new epoch. True if that was the case.
    /// </summary>
    private bool ResumeSubmission(RunDescriptor run)
    {
        if (S.State != RunState.Submitting || SubmissionUnderWay)
        {
            return false;
        }

        _submitting = SubmitAsync(run.Epoch + 1, RunLifecycle.Starting);
        return true;
    }

    bool IWatchedRun.ResumeSubmission(RunDescriptor run) => ResumeSubmission(run);

    /// <inheritdoc />
    public Task Lost(int epoch, string reason)
    {
        if (RunLifecycle.IsRunningEpoch(S, epoch) && !SubmissionUnderWay)
        {
            var run = S.Run!;
            RunLog.EpochLost(logger, run.RunId, epoch, reason);
            S.LostReason = reason;
            _ = StopQuietly(RunKey.For(run.RunId, epoch));
            _submitting = SubmitAsync(epoch + 1, RunLifecycle.AfterLost(epoch));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task CannotRun(int epoch, string reason)
    {
        if (RunLifecycle.IsRunningEpoch(S, epoch) && !SubmissionUnderWay)
        {
            _ = StopQuietly(RunKey.For(S.Run!.RunId, epoch));
            await EndAsync(RunOutcome.GaveUp(reason));
        }
    }

    /// <inheritdoc />
    public async Task Finished(int epoch, RunProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (!RunLifecycle.IsRunningEpoch(S, epoch))
        {
            return;
        }

        var counts = await LiveCountsOrNullAsync(S.Run!);
        await EndAsync(RunOutcome.Finished(progress, counts));
    }

    /// <inheritdoc />
    public async Task<RunInfo> GetInfo()
    {
        var run = S.Run ?? throw new KeyNotFoundException($"No run {this.GetPrimaryKeyString()} in this cluster.");
        var progress = S.Final;
        if (progress is null && S.State == RunState.Running)
        {
            progress = await CheckEpochAsync(run);
        }

        return _counts.Describe(S, run, progress);
    }

    /// <summary>
    /// The current epoch's progress, acting on what its dispatcher says: the reports of a lost or
    /// finished epoch are one-way calls that a dying silo can swallow, so whoever follows the run (a
    /// waiting client, status, the run's own timer) also makes sure it moves on. Null if the epoch is lost.
    /// </summary>
    private async Task<RunProgress?> CheckEpochAsync(RunDescriptor run)
    {
        RunProgress progress;
        try
        {
            progress = await Dispatcher(run).GetProgress();
        }
        catch (RunStateLostException)
        {
            await Lost(run.Epoch, $"dispatcher {RunKey.For(run.RunId, run.Epoch)} was activated again without its state");
            return null;
        }

        if (progress.Finished)
        {
            await Finished(run.Epoch, progress);
        }

        return progress;
    }

    Task IWatchedRun.CheckEpochAsync(RunDescriptor run) => CheckEpochAsync(run);

    /// <inheritdoc />
    public async Task<NameCounts[]> GetNameCounts()
    {
        var run = S.Run ?? throw new KeyNotFoundException($"No run {this.GetPrimaryKeyString()} in this cluster.");
        var counts = S.FinalCounts;
        if (counts is null && S.State == RunState.Running)
        {
            counts = await LiveCountsOrNullAsync(run);
        }

        return RunCounts.WithStoredBefore(counts, S.EpochDoneByName);
    }

    /// <inheritdoc />
    public async Task<RunInfo> WaitOver()
    {
        if (S.State is RunState.Submitting or RunState.Running)
        {
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add(waiter);
            await Task.WhenAny(waiter.Task, Task.Delay(PollWindow));
            _waiters.Remove(waiter);
        }

        return await GetInfo();
    }

    /// <inheritdoc />
    public async Task Stop()
    {
        if (S.Run is { } run && S.State == RunState.Running)
        {
            await Dispatcher(run).Stop();
        }
    }

    /// <summary>
    /// Submits epoch <paramref name="epoch"/> (nobody awaits this), trying again as
    /// <paramref name="policy"/> says if the store or a grain fails meanwhile; then the run ends
    /// Failed with the policy's failure and the reason, which status and submit --wait show.
    /// </summary>
    private async Task SubmitAsync(int epoch, SubmissionPolicy policy)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await SubmitEpochAsync(epoch);
                return;
            }
#pragma warning disable CA1031 // Logged and retried, then the run fails: a run left half-submitted would never finish.
            catch (Exception e)
#pragma warning restore CA1031
            {
                RunLog.ResubmitFailed(logger, S.Run!.RunId, epoch, e.Message);
                if (attempt >= policy.Attempts)
                {
                    await EndAsync(RunOutcome.GaveUp($"{policy.Failure}: {e.Message}"));
                    return;
                }

                await Task.Delay(RunLifecycle.RetryDelay(attempt));
            }
        }
    }

    private async Task SubmitEpochAsync(int epoch)
    {
        var run = RunLifecycle.BeginEpoch(S, epoch);
        await state.WriteStateAsync();

        var plan = await _planner.PlanAsync(stores.Open(run.Jugdir), run.PackageId);
        if (RunLifecycle.Planned(S, epoch, plan) is { } outcome)
        {
            await EndAsync(outcome);
            return;
        }

        await RunSubmitter.SubmitAsync(GrainFactory, RunKey.For(run.RunId, epoch), plan.ToRun, SettingsFor(run.Options));
        RunLifecycle.Submitted(S);
        await state.WriteStateAsync();
        await ClusterRegistry.Of(GrainFactory).Publish(run);
        RunLog.EpochStarted(logger, run.RunId, epoch, plan.ToRun.Count, S.EpochDone);
    }

    /// <summary>The one way a run ends: its outcome recorded, the run retired from the active ones, whoever waits woken.</summary>
    private async Task EndAsync(RunOutcome outcome)
    {
        RunLifecycle.End(S, outcome, DateTimeOffset.UtcNow);
        await state.WriteStateAsync();
        await ClusterRegistry.Of(GrainFactory).Retire(S.Run!.RunId);
        RunLog.RunOver(logger, S.Run!.RunId, outcome.State, outcome.Final?.Completed ?? _counts.CompletedSeen, outcome.Final?.Failed ?? 0);
        WakeWaiters();
    }

    private static RunSettings SettingsFor(ClusterRunOptions options) =>
        new(ShardCount, options.KeepGoing, options.RetryDelay, Shuffle: true, options.LeaseTimeout)
        {
            PreferPatience = options.PreferPatience,
            InputLocality = options.InputLocality,
        };

    /// <summary>The current epoch's counts by task name; null if its shards lost their state.</summary>
    private async Task<List<NameCounts>?> LiveCountsOrNullAsync(RunDescriptor run)
    {
        try
        {
            // The monitoring view: shards' counts with what the dispatcher has leased counted as running.
            return [.. (await RunMonitor.ReadAsync(GrainFactory, RunKey.For(run.RunId, run.Epoch))).Names];
        }
        catch (RunStateLostException)
        {
            return null;
        }
    }

    private IRunDispatcherGrain Dispatcher(RunDescriptor run) => GrainFactory.GetGrain<IRunDispatcherGrain>(RunKey.For(run.RunId, run.Epoch));

    private async Task StopQuietly(string dispatcherKey)
    {
        try
        {
            await GrainFactory.GetGrain<IRunDispatcherGrain>(dispatcherKey).Stop();
        }
#pragma warning disable CA1031 // The old epoch's dispatcher may be gone with its silo; nothing to stop then.
        catch (Exception e)
#pragma warning restore CA1031
        {
            RunLog.StopFailed(logger, dispatcherKey, e.Message);
        }
    }

    private void WakeWaiters()
    {
        foreach (var waiter in _waiters)
        {
            waiter.TrySetResult();
        }
    }
}
