using System.Reflection;
using Jug.Cloud.Graph;

namespace Jug.Cloud.Packaging;

/// <summary>Invokers for packaged tasks: a reflective call whose task-like result is awaited, as the SDK's typed invokers do.</summary>
internal static class ReflectionInvoker
{
    public static TaskInvoker For(MethodInfo method)
    {
        var returns = method.ReturnType;
        Func<object?, ValueTask<object?>> unwrap = returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>)
            ? AwaitTask(returns.GetProperty(nameof(Task<int>.Result))!)
            : returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(ValueTask<>)
                ? AwaitValueTask(returns.GetMethod(nameof(ValueTask<int>.AsTask))!, typeof(Task<>).MakeGenericType(returns.GetGenericArguments()).GetProperty(nameof(Task<int>.Result))!)
                : r => new ValueTask<object?>(r);
        return arguments => unwrap(method.Invoke(null, BindingFlags.DoNotWrapExceptions, null, arguments, null));
    }

    private static Func<object?, ValueTask<object?>> AwaitTask(PropertyInfo result) => async pending =>
    {
        var task = (Task)pending!;
        await task.ConfigureAwait(false);
        return result.GetValue(task);
    };

    private static Func<object?, ValueTask<object?>> AwaitValueTask(MethodInfo asTask, PropertyInfo result) => async pending =>
    {
        var task = (Task)asTask.Invoke(pending, null)!;
        await task.ConfigureAwait(false);
        return result.GetValue(task);
    };
}
