using System.Reflection;
using Jug.Cloud.Graph;

namespace Jug.Cloud.Packaging;

/// <summary>Rebuilds <see cref="ITaskFunction"/> arguments from the method they name.</summary>
internal static class TaskFunctions
{
    /// <summary>A task function of type <paramref name="functionType"/> for <paramref name="method"/>, hashing as the original did.</summary>
    public static object Create(Type functionType, MethodInfo method)
    {
        var function = Delegate.CreateDelegate(functionType.GetGenericArguments()[0], method);
        return Activator.CreateInstance(functionType, BindingFlags.Instance | BindingFlags.NonPublic, null, [function], null)
            ?? throw new GraphPackageException($"Cannot rebuild the task function {method.Name}.");
    }
}
