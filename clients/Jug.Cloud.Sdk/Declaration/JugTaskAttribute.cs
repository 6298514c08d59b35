namespace Jug.Cloud;

/// <summary>Settings of a task method, folded into the identity of every call of it.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class JugTaskAttribute : Attribute
{
    /// <summary>
    /// The method's code version. Bump it when the method's meaning changes so that its stored
    /// results (and everything downstream) are recomputed.
    /// </summary>
    public int Version { get; set; }

    /// <summary>The task name shown by <c>status</c>; defaults to <c>Namespace.Type.Method</c>.</summary>
    public string? Name { get; set; }
}
