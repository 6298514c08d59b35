namespace Jug.Cloud.Client;

/// <summary>Whether a diagram draws every task or one node per task name.</summary>
public enum GraphGrouping
{
    /// <summary>Group when the graph has more tasks than the threshold.</summary>
    Auto,

    /// <summary>One node per task.</summary>
    Tasks,

    /// <summary>One node per task name, with counts per state; one edge per pair of names.</summary>
    Names,
}
