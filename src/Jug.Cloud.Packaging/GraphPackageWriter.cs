using System.Reflection;
using Jug.Cloud.Encoding;
using Jug.Cloud.Graph;
using Jug.Cloud.Hashing;

namespace Jug.Cloud.Packaging;

/// <summary>Writes the package format described on <see cref="GraphPackage"/>.</summary>
internal static class GraphPackageWriter
{
    public static byte[] Write(IReadOnlyList<TaskNode> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var index = new Dictionary<TaskNode, int>(tasks.Count);
        using var buffer = new MemoryStream();
        using var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8);
        writer.Write(GraphPackage.Magic);
        writer.Write(GraphPackage.OldestReadableVersion);
        writer.Write(tasks.Count);

        // The outline: hashes, names and dependency indexes.
        foreach (var task in tasks)
        {
            index.Add(task, index.Count);
            WriteHash(writer, task.Hash);
            writer.Write(task.Name);
            var placement = task.Options.Placement;
            writer.Write((byte)(placement is null ? 0 : placement.Required ? 2 : 1));
            if (placement is not null)
            {
                writer.Write(placement.Tag);
            }
            var dependencies = task.Dependencies;
            writer.Write(dependencies.Count);
            foreach (var dependency in dependencies)
            {
                writer.Write(index.TryGetValue(dependency, out var at)
                    ? at
                    : throw new GraphPackageException($"{task}: its dependency {dependency} comes after it or is not in the package."));
            }
        }

        // The calls.
        var types = new TypeNames();
        var methods = new MethodNames();
        var newSteps = false;
        foreach (var task in tasks)
        {
            WriteCall(writer, task, index, types, methods, ref newSteps);
        }

        if (newSteps)
        {
            // Only a graph with the steps format 2 added says so, so older silos still read the rest.
            writer.Flush();
            buffer.Position = sizeof(uint);
            writer.Write(GraphPackage.FormatVersion);
        }

        writer.Flush();
        return buffer.ToArray();
    }

    private static void WriteCall(BinaryWriter writer, TaskNode task, Dictionary<TaskNode, int> index, TypeNames types, MethodNames methods, ref bool newSteps)
    {
        var kind = InvocationOf(task);
        writer.Write((byte)kind);
        writer.Write(task.Options.Version);
        writer.Write(task.Options.Attempts ?? -1);
        writer.Write(task.Options.Timeout?.Ticks ?? -1L);
        methods.Write(writer, task.Method, types);
        types.Write(writer, task.ResultType);
        if (kind == PackagedInvocation.Constant)
        {
            // The value is the task: it was captured when declared and is shipped encoded.
            var value = task.Invoker([]).AsTask().GetAwaiter().GetResult();
            WriteBytes(writer, Encode(task, value, task.ResultType, "its value"));
            writer.Write(0);
            return;
        }

        var parameters = task.Method.GetParameters();
        writer.Write(task.Arguments.Count);
        for (var i = 0; i < task.Arguments.Count; i++)
        {
            switch (task.Arguments[i])
            {
                case ValueArgument { Value: ITaskFunction function }:
                    writer.Write((byte)ArgumentKind.Function);
                    types.Write(writer, function.GetType());
                    methods.Write(writer, function.Function.Method, types);
                    break;
                case ValueArgument value:
                    writer.Write((byte)ArgumentKind.Value);
                    var type = i < parameters.Length ? parameters[i].ParameterType : value.Value?.GetType() ?? typeof(object);
                    WriteBytes(writer, Encode(task, value.Value, type, $"argument {i + 1}"));
                    break;
                case ReferenceArgument reference:
                    writer.Write((byte)ArgumentKind.Reference);
                    WriteReference(writer, reference.Reference, index, types, methods, ref newSteps);
                    break;
                case ReferenceListArgument list:
                    writer.Write((byte)ArgumentKind.List);
                    types.Write(writer, list.ElementType);
                    writer.Write((byte)list.Shape);
                    writer.Write(list.Items.Count);
                    foreach (var item in list.Items)
                    {
                        WriteReference(writer, item, index, types, methods, ref newSteps);
                    }

                    break;
                default:
                    throw new GraphPackageException($"{task}: argument {i + 1} is of an unknown kind.");
            }
        }
    }

    /// <summary>
    /// <c>Jug.Identity</c> nodes return a captured value and compound tasks (whose method returns a
    /// handle) pass their inner result through; every other node calls its method.
    /// </summary>
    private static PackagedInvocation InvocationOf(TaskNode task) =>
        task.Name == "jug.identity" ? PackagedInvocation.Constant
        : typeof(ITaskHandle).IsAssignableFrom(task.Method.ReturnType) ? PackagedInvocation.Passthrough
        : PackagedInvocation.Method;

    private static byte[] Encode(TaskNode task, object? value, Type type, string what)
    {
        try
        {
            return ResultCodec.Encode(value, type);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new GraphPackageException($"{task.Name}: {what} ({value?.GetType().Name ?? "null"}) cannot be sent to the cluster: {e.Message}", e);
        }
    }

    private static void WriteReference(BinaryWriter writer, TaskReference reference, Dictionary<TaskNode, int> index, TypeNames types, MethodNames methods, ref bool newSteps)
    {
        writer.Write(index[reference.Task]);
        WriteHash(writer, reference.Hash);
        writer.Write(reference.Path.Count);
        foreach (var step in reference.Path)
        {
            if (step.Key is { } key)
            {
                // The key's task is a dependency, so it is written before this one.
                newSteps = true;
                writer.Write(PathStepCodes.Key);
                WriteReference(writer, key, index, types, methods, ref newSteps);
            }
            else if (step.Function is { } function)
            {
                newSteps = true;
                writer.Write(PathStepCodes.Function);
                writer.Write(step.Member!);
                methods.Write(writer, function, types);
            }
            else
            {
                writer.Write(step.Index);
                writer.Write(step.Member ?? "");
            }
        }
    }

    private static void WriteBytes(BinaryWriter writer, byte[] bytes)
    {
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    internal static void WriteHash(BinaryWriter writer, TaskHash hash)
    {
        Span<byte> bytes = stackalloc byte[TaskHash.Size];
        hash.WriteTo(bytes);
        writer.Write(bytes);
    }
}

/// <summary>How a packaged task produces its value.</summary>
internal enum PackagedInvocation : byte
{
    /// <summary>Calls its method with its arguments.</summary>
    Method = 0,

    /// <summary>Returns a value shipped in the package (<c>Jug.Identity</c>).</summary>
    Constant = 1,

    /// <summary>Returns its only argument (a compound task's result is its inner graph's).</summary>
    Passthrough = 2,
}

/// <summary>
/// Codes written in a path step's index slot for the steps format 2 added; an index or member step
/// writes its index (or -1) there as format 1 did.
/// </summary>
internal static class PathStepCodes
{
    /// <summary>A step indexed by another task's value: a reference follows.</summary>
    public const int Key = -2;

    /// <summary>A function step: the function's identity and its method follow.</summary>
    public const int Function = -3;
}

/// <summary>Packaged argument kinds.</summary>
internal enum ArgumentKind : byte
{
    Value = 0,
    Reference = 1,
    List = 2,
    Function = 3,
}

