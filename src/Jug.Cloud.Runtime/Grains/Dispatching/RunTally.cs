using Jug.Cloud.Runtime.Contracts;

namespace Jug.Cloud.Runtime.Grains.Dispatching;

/// <summary>
/// What became of a run's tasks: how many were submitted, completed and failed, which are parked
/// because another process holds them, and which found inputs missing from the store.
/// </summary>
internal sealed class RunTally
{
    private readonly HashSet<TaskHash> _heldElsewhere = [];

    /// <summary>Tasks submitted in all (known once sealed).</summary>
    public int Submitted { get; set; }

    /// <summary>Tasks stored here or found done elsewhere.</summary>
    public int Completed { get; private set; }

    /// <summary>Tasks failed for good.</summary>
    public int Failed { get; private set; }

    /// <summary>Tasks that found inputs missing from the store.</summary>
    public int InputsMissing { get; private set; }

    /// <summary>The error of the first task that found an input missing.</summary>
    public string? FirstInputMissing { get; private set; }

    /// <summary>Why a run whose tasks found inputs missing ends lost: how many, and the first one's error.</summary>
    public string InputsMissingReason => $"{InputsMissing} tasks found inputs missing from the store; the first: {FirstInputMissing}";

    /// <summary>Tasks parked while another process holds their claim.</summary>
    public int HeldElsewhereCount => _heldElsewhere.Count;

    /// <summary>The task is done (here or elsewhere).</summary>
    public void Complete(TaskHash hash)
    {
        _heldElsewhere.Remove(hash);
        Completed++;
    }

    /// <summary>The task failed for good.</summary>
    public void Fail(TaskHash hash)
    {
        _heldElsewhere.Remove(hash);
        Failed++;
    }

    /// <summary>Another process holds the task's claim: park it until the watcher hears of it.</summary>
    public void Park(TaskHash hash) => _heldElsewhere.Add(hash);

    /// <summary>The task found inputs missing, as <paramref name="error"/> says.</summary>
    public void InputMissing(string? error)
    {
        InputsMissing++;
        FirstInputMissing ??= error;
    }

    /// <summary>The parked tasks.</summary>
    public TaskHash[] HeldElsewhere() => [.. _heldElsewhere];

    /// <summary>Takes <paramref name="tasks"/> out of the parked ones; returns those that were parked.</summary>
    public TaskHash[] Unpark(TaskHash[] tasks) => [.. tasks.Where(_heldElsewhere.Remove)];

    /// <summary>The run's counters, with what the dispatcher knows of its queue and leases.</summary>
    public RunProgress Progress(int queued, int retrying, int leased, bool finished, string[] waitingForTags) =>
        new(Submitted, queued + retrying, leased, Completed, Failed, finished, _heldElsewhere.Count, retrying)
        {
            WaitingForTags = waitingForTags,
            InputsMissing = InputsMissing,
        };
}
