using System.Runtime.Loader;
using Jug.Cloud.Graph;

namespace Jug.Cloud.Packaging;

/// <summary>
/// A graph as bytes, for workers in other processes: first an outline (each task's hash, name and
/// dependencies, readable without loading any code), then each task's call (method, result type,
/// arguments with plain values encoded by <see cref="Encoding.ResultCodec"/>). Hashes are carried,
/// never recomputed, so a decoded task stores its result under the key the submitter knows.
/// </summary>
public static class GraphPackage
{
    internal const uint Magic = 0x4B50474A; // "JGPK"
    // Format 2 added path steps indexed by another task's value and function steps; a format 1
    // package is a format 2 package without them, so both are read.
    internal const int FormatVersion = 2;
    internal const int OldestReadableVersion = 1;

    /// <summary>Encodes <paramref name="tasks"/>, which must hold every task's dependencies before it (declaration order does).</summary>
    /// <exception cref="GraphPackageException">A task or argument cannot be shipped (one line naming it).</exception>
    public static byte[] Encode(IReadOnlyList<TaskNode> tasks) => GraphPackageWriter.Write(tasks);

    /// <summary>Rebuilds executable tasks, resolving types and methods through <paramref name="context"/>.</summary>
    /// <exception cref="GraphPackageException">The package is malformed or names a type or method the context lacks.</exception>
    public static TaskGraph Decode(ReadOnlyMemory<byte> package, AssemblyLoadContext context) => GraphPackageReader.Decode(package, context);

    /// <summary>Reads names and edges only, loading no type.</summary>
    /// <exception cref="GraphPackageException">The package is malformed.</exception>
    public static GraphOutline ReadOutline(ReadOnlyMemory<byte> package) => GraphPackageReader.ReadOutline(package);
}

/// <summary>A package's tasks without their code.</summary>
/// <param name="Tasks">In declaration order.</param>
public sealed record GraphOutline(IReadOnlyList<OutlineTask> Tasks);

/// <summary>One task of an outline.</summary>
/// <param name="Hash">The task.</param>
/// <param name="Name">Its name.</param>
/// <param name="Dependencies">The distinct tasks whose results it takes.</param>
public sealed record OutlineTask(TaskHash Hash, string Name, IReadOnlyList<TaskHash> Dependencies)
{
    /// <summary>Where on a cluster it should run, if its method says.</summary>
    public TaskPlacement? Placement { get; init; }
}

/// <summary>A graph cannot be packaged, or a package cannot be read.</summary>
public sealed class GraphPackageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GraphPackageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public GraphPackageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public GraphPackageException()
    {
    }
}
