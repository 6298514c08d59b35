using Jug.Cloud.Graph;
using Jug.Cloud.Hashing;

namespace Jug.Cloud;

/// <summary>Builds tasklets: views into a handle's result that keep the result type.</summary>
internal static class Tasklets
{
    public static Tasklet<TOut> View<TOut>(JugHandle parent, ResultPathStep step)
    {
        var source = parent.Reference;
        var path = new ResultPathStep[source.Path.Count + 1];
        for (var i = 0; i < source.Path.Count; i++)
        {
            path[i] = source.Path[i];
        }

        path[^1] = step;
        var hash = CanonicalHash.OfTasklet(source.Task.Hash, path);
        return new Tasklet<TOut>(new TaskReference(source.Task, path, hash));
    }
}
