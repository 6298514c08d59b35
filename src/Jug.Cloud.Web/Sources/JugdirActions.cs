using Jug.Cloud.Client;
using Jug.Cloud.Graph;
using Jug.Cloud.Runtime.Workers;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Web.Sources;

/// <summary>
/// The page's actions on a jugdir: retry clears failure records (and claims kept on failed tasks) so
/// the next <c>execute</c> runs those tasks again; invalidate is the client's invalidate; stale locks
/// are lapsed claims. A jugdir has no run to cancel: its <c>execute</c> processes are stopped where they run.
/// </summary>
public sealed class JugdirActions(JugdirStatusSource source) : IStatusActions
{
    /// <inheritdoc />
    public async Task<ActionOutcome> RetryAsync(ActionTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var snapshot = await source.SnapshotAsync(cancellationToken);
        var roots = Select(target);
        var failed = roots.Where(t => snapshot.States.GetValueOrDefault(t.Hash) == TaskState.Failed).Select(t => t.Hash).ToHashSet();
        if (target.Task is not null && failed.Count == 0)
        {
            throw new InvalidOperationException($"Task {target.Task} has not failed: nothing to retry.");
        }

        foreach (var hash in failed)
        {
            await source.Store.DeleteFailureAsync(hash, cancellationToken);
        }

        foreach (var claim in snapshot.Claims.Where(c => failed.Contains(c.Key) && ClaimSettings.IsKeptFailure(c)))
        {
            await source.Store.BreakClaimAsync(claim.Key, cancellationToken);
        }

        source.Refresh();
        return new ActionOutcome($"{failed.Count} failed task(s) of {target} cleared: the next execute runs them again.", failed.Count, 0);
    }

    /// <inheritdoc />
    public async Task<ActionOutcome> PreviewInvalidateAsync(ActionTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var roots = Select(target, requireTarget: true);
        var result = await GraphOperations.PreviewInvalidateAsync(source.Graph, source.Store, roots, cancellationToken);
        return new ActionOutcome($"Invalidating {target} removes {result.Removed} stored result(s) of {result.Affected} task(s), itself and downstream.", result.Affected, result.Removed);
    }

    /// <inheritdoc />
    public async Task<ActionOutcome> InvalidateAsync(ActionTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var roots = Select(target, requireTarget: true);
        var result = await GraphOperations.InvalidateTasksAsync(source.Graph, source.Store, roots, cancellationToken);
        source.Refresh();
        return new ActionOutcome($"Invalidated {target}: {result.Removed} stored result(s) of {result.Affected} task(s) removed.", result.Affected, result.Removed);
    }

    /// <inheritdoc />
    public async Task<ActionOutcome> RemoveStaleLocksAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var stale = new List<TaskHash>();
        await foreach (var claim in source.Store.ListClaimsAsync(cancellationToken))
        {
            if (claim.ExpiresAt <= now)
            {
                stale.Add(claim.Key);
            }
        }

        var removed = 0;
        foreach (var key in stale)
        {
            removed += await source.Store.BreakClaimAsync(key, cancellationToken) ? 1 : 0;
        }

        source.Refresh();
        return new ActionOutcome($"{removed} stale lock(s) removed.", removed, 0);
    }

    /// <inheritdoc />
    public Task<ActionOutcome> CancelRunAsync(string? runId, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("A jugdir has no run to cancel here: stop its execute processes (Ctrl-C) where they run.");

    /// <inheritdoc />
    public Task<ActionOutcome> DrainWorkerAsync(string worker, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("A jugdir's workers are execute processes: stop them (Ctrl-C or SIGTERM) where they run.");

    /// <summary>The tasks an action is for; every task when the target names none.</summary>
    internal IReadOnlyCollection<TaskNode> Select(ActionTarget target, bool requireTarget = false)
    {
        if (target.Task is { } text)
        {
            if (!TaskHash.TryParse(text, out var hash))
            {
                throw new FormatException($"'{text}' is not a task hash (64 hex digits).");
            }

            return source.Graph.Find(hash) is { } task ? [task] : throw new UnknownTargetException($"No task {hash} in this graph.");
        }

        if (target.Name is { } name)
        {
            var named = source.Graph.Tasks.Where(t => t.Name == name).ToArray();
            return named.Length > 0 ? named : throw new UnknownTargetException($"No task is named '{name}'.");
        }

        return requireTarget ? throw new ArgumentException("Name a task name or a task hash.") : [.. source.Graph.Tasks];
    }
}
