namespace Jug.Cloud.Client;

/// <summary>
/// Fill colours per task state. Waiting, ready, running and done are the colours Jug's own
/// <c>graph</c> uses, so a diagram reads the same to a Jug user; failed is added in red.
/// </summary>
public static class StateColors
{
    /// <summary>The fill colour (<c>#rrggbb</c>) of <paramref name="state"/>.</summary>
    public static string Of(TaskState state) => state switch
    {
        TaskState.Waiting => "#f98cb6",
        TaskState.Ready => "#fca985",
        TaskState.Running => "#7589bf",
        TaskState.Done => "#85ca5d",
        TaskState.Failed => "#e8453c",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>The lower-case name of <paramref name="state"/> (<c>done</c>), as <c>status --json</c> writes it.</summary>
    public static string NameOf(TaskState state) => state.ToString().ToLowerInvariant();
}
