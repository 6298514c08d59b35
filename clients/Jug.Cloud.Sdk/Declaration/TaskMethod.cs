using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Jug.Cloud;

/// <summary>What identifies a task function: its name and code version, checked once per method.</summary>
internal sealed class TaskMethod
{
    private static readonly ConcurrentDictionary<MethodInfo, TaskMethod> Cache = new();

    private TaskMethod(MethodInfo method, string name, int version)
    {
        Method = method;
        Name = name;
        Version = version;
    }

    public MethodInfo Method { get; }

    public string Name { get; }

    public int Version { get; }

    public static TaskMethod For(Delegate function)
    {
        if (function.Target is not null || function.Method.Name.Contains('<', StringComparison.Ordinal))
        {
            throw new JugDeclarationException(
                $"Task({Describe(function.Method)}, ...): the task function must be a named static method; " +
                "a lambda, local function or instance method has no identity that can be hashed.");
        }

        return Cache.GetOrAdd(function.Method, static m => Create(m));
    }

    /// <summary><c>Namespace.Type.Method</c> with nested types joined by dots.</summary>
    public static string DefaultName(MethodInfo method) =>
        $"{method.DeclaringType?.FullName?.Replace('+', '.')}.{method.Name}";

    private static TaskMethod Create(MethodInfo method)
    {
        if (method.DeclaringType is null || method.DeclaringType.IsDefined(typeof(CompilerGeneratedAttribute)))
        {
            throw new JugDeclarationException(
                $"Task({Describe(method)}, ...): the task function must be a named static method of a named type.");
        }

        var attribute = method.GetCustomAttribute<JugTaskAttribute>();
        return new TaskMethod(method, attribute?.Name ?? DefaultName(method), attribute?.Version ?? 0);
    }

    private static string Describe(MethodInfo method) =>
        method.Name.Contains('<', StringComparison.Ordinal) ? $"a lambda in {method.DeclaringType?.Name}" : DefaultName(method);
}
