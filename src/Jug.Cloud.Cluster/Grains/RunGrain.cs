using Jug.Cloud.Cluster.Contracts;
using Jug.Cloud.Cluster.Workers;
using Jug.Cloud.Runtime.Contracts;
using Jug.Cloud.Runtime.Grains;
using Jug.Cloud.Runtime.Submission;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Jug.Cloud.Cluster.Grains;

/// <summary>Persistent state of a cluster run.</summary>
[GenerateSerializer]
[Alias("jug.RunGrainState")]
public sealed class RunGrainState
{
    /// <summary>What was submitted, at its current epoch.</summary>
    [Id(0)]
    public RunDescriptor? Run { get; set; }

    /// <summary>Where it stands.</summary>
    [Id(1)]
    public RunState State { get; set; }

    /// <summary>Tasks stored before the run started.</summary>
    [Id(2)]
    public int InitialDone { get; set; }

    /// <summary>Tasks stored when the current epoch started (includes those of earlier epochs).</summary>
    [Id(3)]
    public int EpochDone { get; set; }

    /// <summary>Per task name, tasks stored when the current epoch started.</summary>
    [Id(4)]
    public Dictionary<string, int> EpochDoneByName { get; set; } = [];

    /// <summary>The final counters, once over.</summary>
    [Id(5)]
    public RunProgress? Final { get; set; }

    /// <summary>The final counts by name, once over.</summary>
    [Id(6)]
    public List<NameCounts>? FinalCounts { get; set; }

    /// <summary>When it ended.</summary>
    [Id(7)]
    public DateTimeOffset? Finished { get; set; }

    /// <summary>Why it ended without running, if it did.</summary>
    [Id(8)]
    public string? Error { get; set; }

    /// <summary>Epochs in a row that were lost before storing a single task more than the one before.</summary>
    [Id(9)]
    public int StalledEpochs { get; set; }

    /// <summary>Why the last epoch was lost.</summary>
    [Id(10)]
    public string? LostReason { get; set; }
}

/// <summary>
/// Reentrant: a lost grain's report or the dispatcher's "finished" may arrive while a submission is
/// awaited; state changes happen between awaits.
/// </summary>
[Reentrant]
public sealed partial class RunGrain(
    [PersistentState("run", ClusterStorage.Name)] IPersistentState<RunGrainState> state,
    ClusterStores stores,
    IRunPlanReader plans,
    ILogger<RunGrain> logger) : Grain, IRunGrain
{
    private const int ShardCount = global::Jug.Cloud.Runtime.RuntimeLimits.ShardCount;
    private const int ExistsBatch = global::Jug.Cloud.Runtime.RuntimeLimits.ExistsBatch;
    private static readonly TimeSpan PollWindow = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(10);

    /// <summary>How often an active run checks on its current epoch by itself, when nobody is asking.</summary>
    private static readonly TimeSpan WatchPeriod = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Lost epochs in a row that stored nothing new before the run is given up: a store that keeps
    /// losing results would otherwise have the run submitted again forever.
    /// </summary>
    private const int MaxStalledEpochs = 10;

    private const int ResubmitAttempts = 5;

    private readonly List<TaskCompletionSource> _waiters = [];

    /// <summary>The last submission started (first epoch or a new one); another may start once it completed.</summary>
    private Task? _submitting;

    /// <summary>The most tasks reported done so far: between epochs the new count is not known yet.</summary>
    private int _completedSeen;

    private RunGrainState S => state.State;

    private bool SubmissionUnderWay => _submitting is { IsCompleted: false };

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(_ => WatchAsync(), WatchPeriod, WatchPeriod);
        return base.OnActivateAsync(cancellationToken);
    }

    /// <summary>Moves a run on whose epoch ended unnoticed, or whose submission died with its silo.</summary>
    private async Task WatchAsync()
    {
        if (S.Run is not { } run || SubmissionUnderWay)
        {
            return;
        }

        try
        {
            if (!ResumeSubmission(run) && S.State == RunState.Running && S.Final is null)
            {
                await CheckEpochAsync(run);
            }
        }
#pragma warning disable CA1031 // A check that fails (a silo is going away) is made again on the next tick.
        catch (Exception e)
#pragma warning restore CA1031
        {
            RunLog.CheckFailed(logger, run.RunId, e.Message);
        }
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
            _submitting = SubmitAsync(1, attempts: 1, "The run could not start");
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

        _submitting = SubmitAsync(run.Epoch + 1, attempts: 1, "The run could not start");
        return true;
    }

    /// <summary>Ends the run as failed with <paramref name="error"/>, which status and submit --wait show.</summary>
    private async Task GiveUpAsync(string error)
    {
        S.State = RunState.Failed;
        S.Error = error;
        S.Finished = DateTimeOffset.UtcNow;
        await state.WriteStateAsync();
        await ClusterRegistry.Of(GrainFactory).Retire(S.Run!.RunId);
        RunLog.RunOver(logger, S.Run!.RunId, S.State, _completedSeen, 0);
        WakeWaiters();
    }

    /// <inheritdoc />
    public Task Lost(int epoch, string reason)
    {
        if (S.Run is { } run && epoch == run.Epoch && S.State == RunState.Running && !SubmissionUnderWay)
        {
            RunLog.EpochLost(logger, run.RunId, epoch, reason);
            S.LostReason = reason;
            _ = StopQuietly(RunKey.For(run.RunId, epoch));
            _submitting = SubmitAsync(epoch + 1, ResubmitAttempts, $"The run could not be submitted again after its epoch {epoch} was lost");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task Finished(int epoch, RunProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (S.Run is not { } run || epoch != run.Epoch || S.State != RunState.Running)
        {
            return;
        }

        List<NameCounts>? counts;
        try
        {
            counts = await LiveCountsAsync(run);
        }
        catch (RunStateLostException)
        {
            counts = null;
        }

        S.Final = progress;
        S.FinalCounts = counts;
        S.Finished = DateTimeOffset.UtcNow;
        S.State = progress.Failed > 0 ? RunState.Failed : progress.Completed >= progress.Submitted ? RunState.Done : RunState.Stopped;
        await state.WriteStateAsync();
        await ClusterRegistry.Of(GrainFactory).Retire(run.RunId);
        RunLog.RunOver(logger, run.RunId, S.State, progress.Completed, progress.Failed);
        WakeWaiters();
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

        var doneInEarlierEpochs = S.EpochDone - S.InitialDone;
        var completed = doneInEarlierEpochs + (progress?.Completed ?? 0);
        if (S.State is RunState.Submitting or RunState.Running)
        {
            // Results a lost epoch stored are only counted again once the next epoch has looked.
            _completedSeen = completed = Math.Max(completed, _completedSeen);
        }

        return new RunInfo
        {
            Run = run,
            State = S.State,
            AlreadyDone = S.InitialDone,
            Submitted = run.TaskCount - S.InitialDone,
            Completed = completed,
            Failed = progress?.Failed ?? 0,
            Running = progress?.Running ?? 0,
            WaitingForTags = progress?.WaitingForTags ?? [],
            Finished = S.Finished,
            Error = S.Error,
        };
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

    /// <inheritdoc />
    public async Task<NameCounts[]> GetNameCounts()
    {
        var run = S.Run ?? throw new KeyNotFoundException($"No run {this.GetPrimaryKeyString()} in this cluster.");
        var counts = S.FinalCounts;
        if (counts is null && S.State == RunState.Running)
        {
            try
            {
                counts = await LiveCountsAsync(run);
            }
            catch (RunStateLostException)
            {
                counts = null;
            }
        }

        var byName = (counts ?? []).ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var (name, done) in S.EpochDoneByName)
        {
            var current = byName.GetValueOrDefault(name) ?? new NameCounts(name, 0, 0, 0, 0, null);
            byName[name] = current with { Done = current.Done + done };
        }

        return [.. byName.Values.OrderBy(c => c.Name, StringComparer.Ordinal)];
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

    private async Task SubmitEpochAsync(int epoch)
    {
        var run = S.Run! with { Epoch = epoch };
        S.Run = run;
        S.State = RunState.Submitting;
        await state.WriteStateAsync();

        var store = stores.Open(run.Jugdir);
        var plan = await plans.ReadAsync(store, run.PackageId, CancellationToken.None);
        var toRun = new List<PlannedTask>(plan.Count);
        var doneByName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var chunk in plan.Chunk(ExistsBatch))
        {
            var exists = await store.ExistsAsync([.. chunk.Select(t => t.Hash)]);
            for (var i = 0; i < chunk.Length; i++)
            {
                if (exists[i])
                {
                    doneByName[chunk[i].Name] = doneByName.GetValueOrDefault(chunk[i].Name) + 1;
                }
                else
                {
                    toRun.Add(chunk[i]);
                }
            }
        }

        var done = plan.Count - toRun.Count;
        S.StalledEpochs = epoch > 1 && done <= S.EpochDone ? S.StalledEpochs + 1 : 0;
        S.EpochDone = done;
        S.EpochDoneByName = doneByName;
        if (epoch == 1)
        {
            S.InitialDone = S.EpochDone;
        }

        if (S.StalledEpochs >= MaxStalledEpochs)
        {
            await GiveUpAsync($"The run was submitted again {S.StalledEpochs} times in a row without storing any more results; the last epoch was lost because {S.LostReason}.");
            return;
        }

        if (toRun.Count == 0)
        {
            S.State = RunState.Done;
            S.Final = new RunProgress(0, 0, 0, 0, 0, true);
            S.FinalCounts = [];
            S.Finished = DateTimeOffset.UtcNow;
            await state.WriteStateAsync();
            await ClusterRegistry.Of(GrainFactory).Retire(run.RunId);
            WakeWaiters();
            return;
        }

        var options = run.Options;
        var settings = new RunSettings(ShardCount, options.KeepGoing, options.RetryDelay, Shuffle: true, options.LeaseTimeout)
        {
            PreferPatience = options.PreferPatience,
            InputLocality = options.InputLocality,
        };
        await RunSubmitter.SubmitAsync(GrainFactory, RunKey.For(run.RunId, epoch), toRun, settings);
        S.State = RunState.Running;
        await state.WriteStateAsync();
        await ClusterRegistry.Of(GrainFactory).Publish(run);
        RunLog.EpochStarted(logger, run.RunId, epoch, toRun.Count, S.EpochDone);
    }

    /// <summary>
    /// Submits epoch <paramref name="epoch"/> (nobody awaits this), trying again up to
    /// <paramref name="attempts"/> times if the store or a grain fails meanwhile; then the run ends
    /// Failed with <paramref name="failure"/> and the reason, which status and submit --wait show.
    /// </summary>
    private async Task SubmitAsync(int epoch, int attempts, string failure)
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
                if (attempt >= attempts)
                {
                    await GiveUpAsync($"{failure}: {e.Message}");
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds(2 * attempt));
            }
        }
    }

    private async Task<List<NameCounts>> LiveCountsAsync(RunDescriptor run)
    {
        var key = RunKey.For(run.RunId, run.Epoch);
        var shards = await Task.WhenAll(Enumerable.Range(0, ShardCount)
            .Select(i => GrainFactory.GetGrain<ITaskShardGrain>(ShardKey.For(key, i)).GetNameCounts()));
        return [.. shards.SelectMany(s => s)
            .GroupBy(c => c.Name, StringComparer.Ordinal)
            .Select(g => new NameCounts(g.Key, g.Sum(c => c.Waiting), g.Sum(c => c.Ready), g.Sum(c => c.Done), g.Sum(c => c.Failed), g.Select(c => c.LastError).FirstOrDefault(e => e is not null)))];
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
