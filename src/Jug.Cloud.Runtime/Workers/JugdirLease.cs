using Jug.Cloud.Hashing;
using Jug.Cloud.Storage;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Runtime.Workers;

/// <summary>
/// Lets the only process working on a shared store skip the per-task claims: a process that finds no
/// other one at work takes the store's exclusive lease and runs tasks without claiming them; a second
/// process asks to join, and the first claims what it is running, marks the store shared and lets go
/// of the lease. From then on every process claims each task, as Jug does.
/// </summary>
/// <remarks>
/// Built only from the store's claims, so it works on every provider. Three well-known keys:
/// <list type="bullet">
/// <item><c>exclusive</c> — held (and renewed) by the process running alone;</item>
/// <item><c>join</c> — held by a process waiting to join; the one running alone looks for it four
/// times a second;</item>
/// <item><c>shared</c> — held under the common owner <see cref="SharedOwner"/> while processes run
/// with claims; each renews it, and it lapses a time to live after the last one stops.</item>
/// </list>
/// A process may run alone only if it holds <c>exclusive</c> and finds <c>shared</c> not held, checked
/// in that order, so of a process switching to shared and a newcomer, one of them always sees the
/// other. A process that dies while alone keeps others waiting until its lease lapses (its time to
/// live), like a claim.
/// </remarks>
internal sealed class JugdirLease : IAsyncDisposable
{
    /// <summary>The owner under which every process running with claims holds the <c>shared</c> key.</summary>
    public const string SharedOwner = "jugcloud:shared";

    private static readonly TimeSpan JoinCheck = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ProbeLifetime = TimeSpan.FromSeconds(5);

    /// <summary>The keys of the lease protocol, in the claim namespace (no task hashes to them).</summary>
    public static TaskHash ExclusiveKey { get; } = CanonicalHash.OfValue("jugcloud:lease:exclusive");

    /// <inheritdoc cref="ExclusiveKey"/>
    public static TaskHash JoinKey { get; } = CanonicalHash.OfValue("jugcloud:lease:join");

    /// <inheritdoc cref="ExclusiveKey"/>
    public static TaskHash SharedKey { get; } = CanonicalHash.OfValue("jugcloud:lease:shared");

    private readonly IJugStore _store;
    private readonly string _owner;
    private readonly TimeSpan _timeToLive;
    private readonly ILogger _logger;
    private readonly Func<ValueTask> _becomingShared;
    private readonly CancellationTokenSource _stop = new();
    private Task _keeper = Task.CompletedTask;
    private volatile bool _alone;

    private JugdirLease(IJugStore store, string owner, TimeSpan timeToLive, ILogger logger, Func<ValueTask> becomingShared)
    {
        _store = store;
        _owner = owner;
        _timeToLive = timeToLive;
        _logger = logger;
        _becomingShared = becomingShared;
    }

    /// <summary>True while this process runs alone (tasks need no claim).</summary>
    public bool Alone => _alone;

    /// <summary>Keys of the lease protocol: left out wherever claims are shown as tasks.</summary>
    public static bool IsLeaseKey(TaskHash key) => key == ExclusiveKey || key == JoinKey || key == SharedKey;

    /// <summary>
    /// Finds out whether this process runs alone or with others, waiting for a process running alone
    /// to make room. <paramref name="becomingShared"/> is called when others join later; it must claim
    /// every task started without a claim before it returns.
    /// </summary>
    public static async Task<JugdirLease> AcquireAsync(IJugStore store, string owner, TimeSpan timeToLive, ILogger logger, Func<ValueTask> becomingShared, CancellationToken cancellationToken)
    {
        // Host and process first, so a later process on this machine can tell the holder died.
        var lease = new JugdirLease(store, $"{Environment.MachineName}/{Environment.ProcessId}/{owner}", timeToLive, logger, becomingShared);
        try
        {
            await lease.DecideAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // No longer waiting to join: withdraw the request (if it is ours).
            await store.ReleaseClaimAsync(JoinKey, lease._owner, CancellationToken.None);
            throw;
        }

        lease._keeper = Task.Run(() => lease.KeepAsync(lease._stop.Token), CancellationToken.None);
        return lease;
    }

    private async Task DecideAsync(CancellationToken cancellationToken)
    {
        var waitingSince = DateTime.UtcNow;
        var reported = TimeSpan.Zero;
        while (true)
        {
            if (await SharedIsHeldAsync(cancellationToken))
            {
                await JoinSharedAsync(cancellationToken);
                return;
            }

            if (await _store.TryClaimAsync(ExclusiveKey, _owner, _timeToLive, cancellationToken))
            {
                if (await SharedIsHeldAsync(cancellationToken))
                {
                    await _store.ReleaseClaimAsync(ExclusiveKey, _owner, cancellationToken);
                    await JoinSharedAsync(cancellationToken);
                }
                else
                {
                    _alone = true;
                    WorkerLog.RunningAlone(_logger, _store.DisplayName);
                }

                return;
            }

            if (await BreakIfHolderDiedAsync(cancellationToken))
            {
                continue;
            }

            // Someone runs alone: ask to join (holding the join key is the request) and wait.
            if (!await _store.RenewClaimAsync(JoinKey, _owner, _timeToLive, cancellationToken))
            {
                await _store.TryClaimAsync(JoinKey, _owner, _timeToLive, cancellationToken);
            }

            var waited = DateTime.UtcNow - waitingSince;
            if (waited - reported >= TimeSpan.FromSeconds(10))
            {
                reported = waited;
                WorkerLog.WaitingToJoin(_logger, _store.DisplayName, (int)waited.TotalSeconds);
            }

            await Task.Delay(JoinCheck / 2, cancellationToken);
        }
    }

    /// <summary>
    /// Breaks the lease of a process on this machine that no longer exists (killed, crashed), so a
    /// new run need not wait for the lease to lapse. Holders elsewhere are waited for.
    /// </summary>
    private async Task<bool> BreakIfHolderDiedAsync(CancellationToken cancellationToken)
    {
        await foreach (var claim in _store.ListClaimsAsync(cancellationToken))
        {
            if (claim.Key == ExclusiveKey)
            {
                var parts = claim.Owner.Split('/', 3);
                if (parts.Length == 3
                    && parts[0] == Environment.MachineName
                    && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var pid)
                    && !ProcessExists(pid))
                {
                    return await _store.BreakClaimAsync(ExclusiveKey, cancellationToken);
                }

                return false;
            }
        }

        return false;
    }

    private static bool ProcessExists(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Whether processes are running with claims now (the <c>shared</c> key is held, unexpired, by them).</summary>
    private async Task<bool> SharedIsHeldAsync(CancellationToken cancellationToken)
    {
        var probe = _owner + "#probe";
        while (true)
        {
            if (await _store.TryClaimAsync(SharedKey, probe, ProbeLifetime, cancellationToken))
            {
                await _store.ReleaseClaimAsync(SharedKey, probe, cancellationToken);
                return false;
            }

            if (await _store.RenewClaimAsync(SharedKey, SharedOwner, _timeToLive, cancellationToken))
            {
                return true;
            }

            // Another process's probe holds it for an instant.
            await Task.Delay(10, cancellationToken);
        }
    }

    private async Task JoinSharedAsync(CancellationToken cancellationToken)
    {
        // Taken over from an expired holder or renewed under the common owner; a probe holding it
        // for an instant makes both fail, so try again.
        while (!await _store.TryClaimAsync(SharedKey, SharedOwner, _timeToLive, cancellationToken)
            && !await _store.RenewClaimAsync(SharedKey, SharedOwner, _timeToLive, cancellationToken))
        {
            await Task.Delay(20, cancellationToken);
        }

        await _store.ReleaseClaimAsync(JoinKey, _owner, cancellationToken);
        WorkerLog.RunningShared(_logger, _store.DisplayName);
    }

    private async Task KeepAsync(CancellationToken cancellationToken)
    {
        var renewed = DateTime.UtcNow;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(_alone ? JoinCheck : _timeToLive / 3, cancellationToken);
                try
                {
                    if (!_alone)
                    {
                        await _store.RenewClaimAsync(SharedKey, SharedOwner, _timeToLive, cancellationToken);
                        continue;
                    }

                    var lost = false;
                    if (DateTime.UtcNow - renewed >= _timeToLive / 3)
                    {
                        lost = !await _store.RenewClaimAsync(ExclusiveKey, _owner, _timeToLive, cancellationToken);
                        renewed = DateTime.UtcNow;
                    }

                    if (lost || await SomeoneWaitsAsync(cancellationToken))
                    {
                        await ShareAsync(cancellationToken);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A store hiccup: the lease lives until its expiry; the next round tries again.
                    WorkerLog.StoreUnavailable(_logger, "keeping the jugdir lease", e);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<bool> SomeoneWaitsAsync(CancellationToken cancellationToken)
    {
        if (!await _store.TryClaimAsync(JoinKey, _owner, ProbeLifetime, cancellationToken))
        {
            return true;
        }

        await _store.ReleaseClaimAsync(JoinKey, _owner, cancellationToken);
        return false;
    }

    /// <summary>Others want in: claim what runs unclaimed, mark the store shared, then let go of the lease.</summary>
    private async Task ShareAsync(CancellationToken cancellationToken)
    {
        _alone = false;
        await _becomingShared();
        await JoinSharedAsync(cancellationToken);
        await _store.ReleaseClaimAsync(ExclusiveKey, _owner, cancellationToken);
    }

    /// <summary>Stops keeping the lease; a process that ran alone to the end releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _keeper;
        if (_alone)
        {
            _alone = false;
            try
            {
                await _store.ReleaseClaimAsync(ExclusiveKey, _owner);
            }
#pragma warning disable CA1031 // Best effort: an unreleased lease lapses after its time to live.
            catch (Exception e)
#pragma warning restore CA1031
            {
                WorkerLog.StoreUnavailable(_logger, "releasing the jugdir lease", e);
            }
        }

        _stop.Dispose();
    }
}
