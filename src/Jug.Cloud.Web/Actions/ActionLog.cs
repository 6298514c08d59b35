namespace Jug.Cloud.Web.Actions;

/// <summary>One action taken on the page.</summary>
/// <param name="At">When.</param>
/// <param name="Who">Who (the host's user, or the token's role and the address).</param>
/// <param name="Action">retry, invalidate, remove-stale-locks or cancel.</param>
/// <param name="Target">What it was for.</param>
/// <param name="Outcome">What it did, or why it failed.</param>
/// <param name="Succeeded">Whether it did it.</param>
public sealed record ActionRecord(DateTimeOffset At, string Who, string Action, string Target, string Outcome, bool Succeeded);

/// <summary>
/// The actions taken through this page, newest first (the latest <see cref="Capacity"/>), shown on the
/// page and written to the host's log as they happen; kept as long as the page runs.
/// </summary>
public sealed class ActionLog
{
    /// <summary>How many records are kept.</summary>
    public const int Capacity = 500;

    private readonly LinkedList<ActionRecord> _records = new();
    private readonly Lock _lock = new();

    /// <summary>Adds a record.</summary>
    public void Add(ActionRecord record)
    {
        lock (_lock)
        {
            _records.AddFirst(record);
            if (_records.Count > Capacity)
            {
                _records.RemoveLast();
            }
        }
    }

    /// <summary>The records, newest first.</summary>
    public IReadOnlyList<ActionRecord> List()
    {
        lock (_lock)
        {
            return [.. _records];
        }
    }
}
