using System.Reflection;

namespace Jug.Cloud.Graph;

/// <summary>
/// What every task of one method shares: its name, the method, the result type, how to call it and its
/// options. The tasks of a graph that call one method hold one definition between them, not a copy each.
/// </summary>
public sealed class TaskDefinition
{
    /// <summary>Creates a definition.</summary>
    public TaskDefinition(string name, MethodInfo method, Type resultType, TaskInvoker invoker, TaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(resultType);
        ArgumentNullException.ThrowIfNull(invoker);
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        Method = method;
        ResultType = resultType;
        Invoker = invoker;
        Options = options;
    }

    /// <summary><c>Namespace.Type.Method</c>: what <c>status</c> groups by and <c>--target</c> matches.</summary>
    public string Name { get; }

    /// <summary>The static method called.</summary>
    public MethodInfo Method { get; }

    /// <summary>The type of the stored result (the awaited type for async methods).</summary>
    public Type ResultType { get; }

    /// <summary>Calls the method.</summary>
    public TaskInvoker Invoker { get; }

    /// <summary>Per-task settings.</summary>
    public TaskOptions Options { get; }
}
