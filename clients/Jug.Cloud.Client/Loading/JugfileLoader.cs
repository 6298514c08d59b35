using System.Reflection;
using Jug.Cloud.Graph;
using Jug.Cloud.Packaging;

namespace Jug.Cloud.Client;

/// <summary>Builds a jugfile if needed, loads it and runs its top-level code to declare its graph.</summary>
public static class JugfileLoader
{
    /// <summary>The graph the jugfile at <paramref name="source"/> declares, up to its first barrier.</summary>
    /// <exception cref="JugfileException">It cannot be built, loaded, or its code threw.</exception>
    public static async Task<TaskGraph> LoadAsync(JugfileSource source, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default) =>
        (await LoadAsync(source, arguments, null, cancellationToken)).Graph;

    /// <summary>
    /// Runs the jugfile at <paramref name="source"/> to declare its graph; at each barrier,
    /// <paramref name="runner"/> gets the tasks so far done (or checks them). Without a runner the
    /// jugfile stops at its first barrier.
    /// </summary>
    /// <exception cref="JugfileException">It cannot be built, loaded, or its code threw.</exception>
    public static async Task<LoadedJugfile> LoadAsync(JugfileSource source, IReadOnlyList<string> arguments, IJugRunner? runner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var assemblyPath = await JugfileBuilder.BuildAsync(source, cancellationToken);
        var context = new JugfileLoadContext(assemblyPath);
        var assembly = context.LoadFromAssemblyPath(assemblyPath);
        var entryPoint = assembly.EntryPoint ?? throw new JugfileException($"{Path.GetFileName(source.Path)} has no top-level code or Main to run.");
        var jug = new JugContext { Runner = runner };
        bool stopped;
        using (jug.Enter())
        {
            stopped = await RunAsync(entryPoint, arguments, source);
        }

        return new LoadedJugfile(jug.Graph, stopped, jug.BarriersPassed, assembly);
    }

    /// <summary>Runs the entry point; true if it stopped at a barrier.</summary>
    private static async Task<bool> RunAsync(MethodInfo entryPoint, IReadOnlyList<string> arguments, JugfileSource source)
    {
        object? result;
        try
        {
            result = entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? [] : [arguments.ToArray()]);
            if (result is Task task)
            {
                await task;
            }

            return false;
        }
        catch (TargetInvocationException e) when (e.InnerException is BarrierReachedException)
        {
            return true;
        }
        catch (BarrierReachedException)
        {
            return true;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw Describe(e.InnerException, source);
        }
        catch (Exception e) when (e is not JugfileException)
        {
            throw Describe(e, source);
        }
    }

    private static JugfileException Describe(Exception error, JugfileSource source)
    {
        var file = Path.GetFileName(source.Path);
        var line = error.StackTrace?.Split('\n')
            .Select(l => l.Trim())
            .FirstOrDefault(l => l.Contains(file + ":line ", StringComparison.Ordinal));
        var where = line is null ? "" : $" (at {file}:line {line[(line.LastIndexOf(":line ", StringComparison.Ordinal) + 6)..]})";
        return new JugfileException($"{file} threw while declaring tasks{where}: {error.GetType().Name}: {error.Message}", null, error);
    }
}
