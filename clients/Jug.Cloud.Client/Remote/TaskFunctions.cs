using System.Reflection;

namespace Jug.Cloud.Client.Remote;

/// <summary>Packages <see cref="TaskFunction{TDelegate}"/> arguments as the method they name.</summary>
internal static class TaskFunctions
{
    public static bool IsTaskFunction(object? value) =>
        value?.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(TaskFunction<>);

    public static MethodInfo MethodOf(object function)
    {
        var invoke = (Delegate)function.GetType().GetProperty(nameof(TaskFunction<Action>.Invoke))!.GetValue(function)!;
        return invoke.Method;
    }

    /// <summary>A task function of type <paramref name="functionType"/> for <paramref name="method"/>, hashing as the original did.</summary>
    public static object Create(Type functionType, MethodInfo method)
    {
        var function = Delegate.CreateDelegate(functionType.GetGenericArguments()[0], method);
        return Activator.CreateInstance(functionType, BindingFlags.Instance | BindingFlags.NonPublic, null, [function], null)
            ?? throw new GraphPackageException($"Cannot rebuild the task function {method.Name}.");
    }
}
