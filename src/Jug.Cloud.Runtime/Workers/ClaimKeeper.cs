using System.Collections.Concurrent;
using Jug.Cloud.Storage;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Runtime.Workers;

/// <summary>
/// The store claims one worker pool holds: taken before a task runs, renewed in the background
/// (the keepalive), released once the result is stored. A process that dies stops renewing, so its
/// claims lapse and other processes run those tasks.
/// </summary>
internal sealed class ClaimKeeper
{
    /// <summary>A kept failure claim lives until cleanup, not until a keepalive lapses.</summary>
    private static readonly TimeSpan FailedClaimLifetime = TimeSpan.FromDays(3650);

    private readonly IClaimStore _store;
    private readonly ClaimSettings _settings;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<TaskHash, byte> _held = new();

    /// <summary>Tasks started without a claim while this process ran alone and not yet stored; guarded by itself.</summary>
    private readonly HashSet<TaskHash> _unclaimed = [];
    private IReadOnlySet<TaskHash> _claimedBefore = new HashSet<TaskHash>();
    private bool _alone;

    public ClaimKeeper(IClaimStore store, ClaimSettings settings, string owner, ILogger logger)
    {
        _store = store;
        _settings = settings;
        _logger = logger;
        Owner = owner;
    }

    /// <summary>The owner token of this pool's claims.</summary>
    public string Owner { get; }

    public bool TryClaim(TaskHash task)
    {
        if (!_store.TryClaimAsync(task, Owner, _settings.TimeToLive).AsTask().GetAwaiter().GetResult())
        {
            return false;
        }

        _held[task] = 0;
        return true;
    }

    /// <summary>
    /// Runs from now on without claims (this process holds the store's exclusive lease), except for
    /// the tasks in <paramref name="claimedBefore"/>: claims found in the store when the lease was
    /// taken (a dead process's, kept failures), which still have to be taken or waited for.
    /// </summary>
    public void BeginAlone(IReadOnlySet<TaskHash> claimedBefore)
    {
        lock (_unclaimed)
        {
            _claimedBefore = claimedBefore;
            _alone = true;
        }
    }

    /// <summary>
    /// While alone, records that <paramref name="task"/> starts without a claim and returns true;
    /// otherwise returns false and the task must be claimed.
    /// </summary>
    public bool TryStartUnclaimed(TaskHash task)
    {
        lock (_unclaimed)
        {
            return _alone && !_claimedBefore.Contains(task) && _unclaimed.Add(task);
        }
    }

    /// <summary>
    /// Others are joining: from now on every task is claimed, starting with those running unclaimed.
    /// A task stored meanwhile has left <c>_unclaimed</c> and its claim is given back at once.
    /// </summary>
    public async ValueTask EndAloneAsync()
    {
        TaskHash[] running;
        lock (_unclaimed)
        {
            _alone = false;
            running = [.. _unclaimed];
        }

        foreach (var task in running)
        {
            if (!await _store.TryClaimAsync(task, Owner, _settings.TimeToLive))
            {
                continue;
            }

            _held[task] = 0;
            bool stillRunning;
            lock (_unclaimed)
            {
                stillRunning = _unclaimed.Contains(task);
            }

            if (!stillRunning)
            {
                await ReleaseAsync(task);
            }
        }
    }

    public async ValueTask ReleaseAsync(TaskHash task)
    {
        lock (_unclaimed)
        {
            _unclaimed.Remove(task);
        }

        if (_held.TryRemove(task, out _))
        {
            await _store.ReleaseClaimAsync(task, Owner);
        }
    }

    /// <summary>Turns the claim on a task that failed for good into a kept failure claim.</summary>
    public async ValueTask KeepFailedAsync(TaskHash task)
    {
        await ReleaseAsync(task);
        await _store.TryClaimAsync(task, Owner + ClaimSettings.KeptFailureSuffix, FailedClaimLifetime);
    }

    /// <summary>Renews every held claim each third of the time to live, until cancelled.</summary>
    public async Task KeepAliveAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_settings.TimeToLive / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                foreach (var task in _held.Keys)
                {
                    try
                    {
                        if (!await _store.RenewClaimAsync(task, Owner, _settings.TimeToLive, cancellationToken) && _held.ContainsKey(task))
                        {
                            WorkerLog.ClaimLost(_logger, task.ToShortString());
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // A store hiccup: the claim lives on until its expiry; the next tick tries again.
                        WorkerLog.StoreUnavailable(_logger, "renewing claims", e);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Releases whatever is still held (a pool that stops early).</summary>
    public async ValueTask ReleaseAllAsync()
    {
        foreach (var task in _held.Keys)
        {
            await ReleaseAsync(task);
        }
    }
}
