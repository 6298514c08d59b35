namespace Jug.Cloud;

/// <summary>Settings of a task method: its identity (name, version) and how its calls are run.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class JugTaskAttribute : Attribute
{
    /// <summary>
    /// The method's code version, folded into the identity of every call. Bump it when the method's
    /// meaning changes so that its stored results (and everything downstream) are recomputed.
    /// </summary>
    public int Version { get; set; }

    /// <summary>The task name shown by <c>status</c>; defaults to <c>Namespace.Type.Method</c>. Part of the identity.</summary>
    public string? Name { get; set; }

    /// <summary>How many times a call may run before it is Failed (default: the run's, 3). Not part of the identity.</summary>
    public int Attempts { get; set; }

    /// <summary>
    /// Seconds one attempt may run before it is cancelled and counted as a failure (default: none).
    /// The method sees the cancellation through <see cref="Jug.CancellationToken"/>. Not part of the identity.
    /// </summary>
    public double TimeoutSeconds { get; set; }

    /// <summary>
    /// Fold a hash of the method's compiled body (its IL) into the identity, so editing the method
    /// invalidates its results and everything downstream without bumping <see cref="Version"/>.
    /// See the user guide for what this sees and what it does not.
    /// </summary>
    public bool HashCode { get; set; }

    /// <summary>
    /// On a cluster, run calls on a silo tagged so (<c>jugcloud silo --tags</c>) while one has a free
    /// slot; after the run's patience, anywhere. Ignored by <c>execute</c>. Not part of the identity.
    /// </summary>
    public string? PreferTag { get; set; }

    /// <summary>
    /// On a cluster, run calls only on a silo tagged so; while none is up they wait, and
    /// <c>status --cluster</c> says so. Ignored by <c>execute</c>. Not part of the identity.
    /// </summary>
    public string? RequireTag { get; set; }
}
