using System.Reflection;

namespace Jug.Cloud.Graph;

/// <summary>Invokes a task's method with decoded arguments; awaits it when it returns a task.</summary>
/// <param name="arguments">One value per parameter, already converted to the parameter types.</param>
public delegate ValueTask<object?> TaskInvoker(object?[] arguments);

/// <summary>
/// One task of a graph: a call of a named static method with its arguments. Identity is
/// <see cref="Hash"/>; nothing runs when a node is created.
/// </summary>
public sealed class TaskNode
{
    private TaskNode[]? _dependencies;

    /// <summary>Creates a node. The SDK does this; user code declares tasks with <c>Jug.Task</c>.</summary>
    public TaskNode(
        TaskHash hash,
        string name,
        MethodInfo method,
        IReadOnlyList<TaskArgument> arguments,
        Type resultType,
        TaskInvoker invoker,
        TaskOptions options)
        : this(hash, new TaskDefinition(name, method, resultType, invoker, options), arguments)
    {
    }

    /// <summary>Creates a node of a method whose definition other nodes share.</summary>
    public TaskNode(TaskHash hash, TaskDefinition definition, IReadOnlyList<TaskArgument> arguments)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(arguments);
        Hash = hash;
        Definition = definition;
        Arguments = arguments;
    }

    /// <summary>The task's identity and the key of its result.</summary>
    public TaskHash Hash { get; }

    /// <summary>What this task shares with the other calls of its method.</summary>
    public TaskDefinition Definition { get; }

    /// <summary><c>Namespace.Type.Method</c>: what <c>status</c> groups by and <c>--target</c> matches.</summary>
    public string Name => Definition.Name;

    /// <summary>The static method called.</summary>
    public MethodInfo Method => Definition.Method;

    /// <summary>The arguments, one per parameter.</summary>
    public IReadOnlyList<TaskArgument> Arguments { get; }

    /// <summary>The type of the stored result (the awaited type for async methods).</summary>
    public Type ResultType => Definition.ResultType;

    /// <summary>Calls the method.</summary>
    public TaskInvoker Invoker => Definition.Invoker;

    /// <summary>Per-task settings.</summary>
    public TaskOptions Options => Definition.Options;

    /// <summary>The distinct tasks this one needs, in first-use order.</summary>
    public IReadOnlyList<TaskNode> Dependencies => _dependencies ??= CollectDependencies();

    /// <inheritdoc />
    public override string ToString() => $"{Name}#{Hash.ToShortString(8)}";

    /// <summary>
    /// Walks the arguments once. Status, submission and scoping ask every task of a graph for this, so
    /// a task that takes no result (most of a large graph) costs no allocation, and one that takes a
    /// single result no set.
    /// </summary>
    private TaskNode[] CollectDependencies()
    {
        List<TaskNode>? found = null;
        HashSet<TaskNode>? seen = null;
        foreach (var argument in Arguments)
        {
            switch (argument)
            {
                case ReferenceArgument single:
                    AddReference(single.Reference);
                    break;
                case ReferenceListArgument list:
                    foreach (var item in list.Items)
                    {
                        AddReference(item);
                    }

                    break;
            }
        }

        return found is null ? [] : [.. found];

        void AddReference(TaskReference reference)
        {
            Add(reference.Task);
            if (reference.HasKeys)
            {
                // A view indexed by another task's value needs that task as well.
                foreach (var source in reference.Sources)
                {
                    Add(source);
                }
            }
        }

        void Add(TaskNode task)
        {
            if (found is null)
            {
                found = [task];
            }
            else if ((seen ??= [.. found]).Add(task))
            {
                found.Add(task);
            }
        }
    }
}

/// <summary>Per-task settings declared in the jugfile.</summary>
/// <param name="Version">Folded into the hash: bump it when the method's meaning changes.</param>
/// <param name="Attempts">How many times the task may run before it is Failed; null for the run's default (3).</param>
/// <param name="Timeout">How long one attempt may run before it is cancelled and counted as failed; null for the run's default (none).</param>
public sealed record TaskOptions(int Version = 0, int? Attempts = null, TimeSpan? Timeout = null)
{
    /// <summary>Where on a cluster the task should run; null for anywhere (the silo holding its inputs, if one does).</summary>
    public TaskPlacement? Placement { get; init; }

    /// <summary>The defaults.</summary>
    public static TaskOptions Default { get; } = new();
}

/// <summary>A task's placement hint on a cluster: silos declare tags with <c>jugcloud silo --tags</c>.</summary>
/// <param name="Tag">The silo tag.</param>
/// <param name="Required">True: only on such a silo. False: there while one is free, else anywhere after the run's patience.</param>
public sealed record TaskPlacement(string Tag, bool Required);
