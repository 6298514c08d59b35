using System.Reflection;
using System.Runtime.Loader;
using Jug.Cloud.Client;
using Jug.Cloud.Graph;

namespace Jug.Cloud.Cli.Shell;

/// <summary>
/// Loads a jugfile for the shell. The other commands load it into a collectible context
/// (<see cref="JugfileLoader"/>); the shell's compiled submissions are not collectible, and the runtime
/// forbids a non-collectible assembly to reference a collectible one, so here the jugfile goes into
/// the default context and stays for the life of the process.
/// </summary>
internal sealed class ShellJugfile
{
    private ShellJugfile(TaskGraph graph, Assembly assembly)
    {
        Graph = graph;
        Assembly = assembly;
    }

    public TaskGraph Graph { get; }

    /// <summary>The jugfile's own assembly: the shell references it, so its types are usable.</summary>
    public Assembly Assembly { get; }

    public static async Task<ShellJugfile> LoadAsync(JugfileSource source, IReadOnlyList<string> arguments, IJugRunner runner, CancellationToken cancellationToken)
    {
        var path = await JugfileBuilder.BuildAsync(source, cancellationToken);

        // The jugfile's own packages come from its build output; everything jugcloud has (the SDK, the
        // framework) from jugcloud, so SDK types are the same on both sides.
        var resolver = new AssemblyDependencyResolver(path);
        AssemblyLoadContext.Default.Resolving += (context, name) =>
            resolver.ResolveAssemblyToPath(name) is { } dependency ? context.LoadFromAssemblyPath(dependency) : null;
        var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
        var entryPoint = assembly.EntryPoint ?? throw new JugfileException($"{Path.GetFileName(source.Path)} has no top-level code or Main to run.");
        // Barriers behave as under status: passed only if everything before them is stored.
        var jug = new JugContext { Runner = runner };
        using (jug.Enter())
        {
            try
            {
                var result = entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? [] : [arguments.ToArray()]);
                if (result is Task task)
                {
                    await task;
                }
            }
            catch (Exception e) when (e is BarrierReachedException or TargetInvocationException { InnerException: BarrierReachedException })
            {
                // Stopped at a barrier: the tasks declared so far are the shell's graph.
            }
            catch (Exception e) when (e is not JugfileException)
            {
                var error = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
                throw new JugfileException($"{Path.GetFileName(source.Path)} threw while declaring tasks: {error.GetType().Name}: {error.Message}", null, error);
            }
        }

        return new ShellJugfile(jug.Graph, assembly);
    }
}
