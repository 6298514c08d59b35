using System.Runtime.Loader;
using Jug.Cloud.Encoding;
using Jug.Cloud.Graph;

namespace Jug.Cloud.Packaging;

/// <summary>Reads the package format described on <see cref="GraphPackage"/>.</summary>
internal static class GraphPackageReader
{
    public static GraphOutline ReadOutline(ReadOnlyMemory<byte> package)
    {
        using var reader = Open(package, out var count);
        var (hashes, names, placements, dependencies) = ReadOutline(reader, count);
        var tasks = new OutlineTask[count];
        for (var i = 0; i < count; i++)
        {
            tasks[i] = new OutlineTask(hashes[i], names[i], Array.ConvertAll(dependencies[i], d => hashes[d])) { Placement = placements[i] };
        }

        return new GraphOutline(tasks);
    }

    public static TaskGraph Decode(ReadOnlyMemory<byte> package, AssemblyLoadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var reader = Open(package, out var count);
        var (hashes, names, placements, _) = ReadOutline(reader, count);
        var types = new TypeNames();
        var methods = new MethodNames();
        var nodes = new TaskNode[count];
        var graph = new TaskGraph();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var kind = (PackagedInvocation)reader.ReadByte();
                var version = reader.ReadInt32();
                var attempts = reader.ReadInt32();
                var timeout = reader.ReadInt64();
                var options = new TaskOptions(version, attempts >= 0 ? attempts : null, timeout >= 0 ? TimeSpan.FromTicks(timeout) : null) { Placement = placements[i] };
                var method = methods.Read(reader, types, context);
                var resultType = types.Read(reader, context);
                TaskInvoker invoker;
                if (kind == PackagedInvocation.Constant)
                {
                    var value = ResultCodec.Decode(ReadBytes(reader), resultType);
                    invoker = _ => new ValueTask<object?>(value);
                }
                else
                {
                    invoker = kind == PackagedInvocation.Passthrough ? a => new ValueTask<object?>(a[0]) : ReflectionInvoker.For(method);
                }

                var arguments = ReadArguments(reader, method, nodes, types, methods, context);
                nodes[i] = graph.Add(new TaskNode(hashes[i], names[i], method, arguments, resultType, invoker, options));
            }
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidCastException or ArgumentException or IndexOutOfRangeException)
        {
            throw new GraphPackageException($"The graph package is malformed: {e.Message}", e);
        }

        return graph;
    }

    private static TaskArgument[] ReadArguments(BinaryReader reader, System.Reflection.MethodInfo method, TaskNode[] nodes, TypeNames types, MethodNames methods, AssemblyLoadContext context)
    {
        var parameters = method.GetParameters();
        var arguments = new TaskArgument[reader.ReadInt32()];
        for (var a = 0; a < arguments.Length; a++)
        {
            arguments[a] = (ArgumentKind)reader.ReadByte() switch
            {
                ArgumentKind.Value => new ValueArgument(ResultCodec.Decode(ReadBytes(reader), a < parameters.Length ? parameters[a].ParameterType : typeof(object))),
                ArgumentKind.Function => new ValueArgument(TaskFunctions.Create(types.Read(reader, context), methods.Read(reader, types, context))),
                ArgumentKind.Reference => new ReferenceArgument(ReadReference(reader, nodes, types, methods, context)),
                ArgumentKind.List => ReadList(reader, nodes, types, methods, context),
                var other => throw new GraphPackageException($"Unknown argument kind {other}."),
            };
        }

        return arguments;
    }

    private static ReferenceListArgument ReadList(BinaryReader reader, TaskNode[] nodes, TypeNames types, MethodNames methods, AssemblyLoadContext context)
    {
        var elementType = types.Read(reader, context);
        var shape = (ListShape)reader.ReadByte();
        var items = new TaskReference[reader.ReadInt32()];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = ReadReference(reader, nodes, types, methods, context);
        }

        return new ReferenceListArgument(items, elementType, shape);
    }

    private static TaskReference ReadReference(BinaryReader reader, TaskNode[] nodes, TypeNames types, MethodNames methods, AssemblyLoadContext context)
    {
        var task = nodes[reader.ReadInt32()] ?? throw new GraphPackageException("A task refers to one that comes after it.");
        var hash = ReadHash(reader);
        var path = new ResultPathStep[reader.ReadInt32()];
        for (var i = 0; i < path.Length; i++)
        {
            var index = reader.ReadInt32();
            path[i] = index switch
            {
                PathStepCodes.Key => ResultPathStep.AtValueOf(ReadReference(reader, nodes, types, methods, context)),
                PathStepCodes.Function => ReadFunctionStep(reader, types, methods, context),
                _ => ReadIndexOrMember(reader, index),
            };
        }

        return new TaskReference(task, path, hash);
    }

    private static ResultPathStep ReadIndexOrMember(BinaryReader reader, int index)
    {
        var member = reader.ReadString();
        return new ResultPathStep(index, member.Length == 0 ? null : member);
    }

    private static ResultPathStep ReadFunctionStep(BinaryReader reader, TypeNames types, MethodNames methods, AssemblyLoadContext context)
    {
        var identity = reader.ReadString();
        return ResultPathStep.Through(methods.Read(reader, types, context), identity);
    }

    private static BinaryReader Open(ReadOnlyMemory<byte> package, out int count)
    {
        var reader = new BinaryReader(new MemoryStream(package.ToArray(), writable: false), System.Text.Encoding.UTF8);
        try
        {
            if (reader.ReadUInt32() != GraphPackage.Magic)
            {
                throw new GraphPackageException("This is not a graph package.");
            }

            var version = reader.ReadInt32();
            if (version is < GraphPackage.OldestReadableVersion or > GraphPackage.FormatVersion)
            {
                throw new GraphPackageException($"The graph package has format {version}; this silo reads format {GraphPackage.FormatVersion} (upgrade jugcloud on one side).");
            }

            count = reader.ReadInt32();
            return reader;
        }
        catch (EndOfStreamException e)
        {
            reader.Dispose();
            throw new GraphPackageException("The graph package is truncated.", e);
        }
    }

    private static (TaskHash[] Hashes, string[] Names, TaskPlacement?[] Placements, int[][] Dependencies) ReadOutline(BinaryReader reader, int count)
    {
        var hashes = new TaskHash[count];
        var names = new string[count];
        var placements = new TaskPlacement?[count];
        var dependencies = new int[count][];
        try
        {
            for (var i = 0; i < count; i++)
            {
                hashes[i] = ReadHash(reader);
                names[i] = reader.ReadString();
                placements[i] = reader.ReadByte() switch
                {
                    0 => null,
                    var kind => new TaskPlacement(reader.ReadString(), Required: kind == 2),
                };
                var deps = new int[reader.ReadInt32()];
                for (var d = 0; d < deps.Length; d++)
                {
                    deps[d] = reader.ReadInt32();
                    if ((uint)deps[d] >= (uint)i)
                    {
                        throw new GraphPackageException($"Task {i} depends on task {deps[d]}, which does not come before it.");
                    }
                }

                dependencies[i] = deps;
            }
        }
        catch (EndOfStreamException e)
        {
            throw new GraphPackageException("The graph package is truncated.", e);
        }

        return (hashes, names, placements, dependencies);
    }

    private static byte[] ReadBytes(BinaryReader reader) => reader.ReadBytes(reader.ReadInt32());

    private static TaskHash ReadHash(BinaryReader reader)
    {
        Span<byte> bytes = stackalloc byte[TaskHash.Size];
        reader.BaseStream.ReadExactly(bytes);
        return TaskHash.FromBytes(bytes);
    }
}
