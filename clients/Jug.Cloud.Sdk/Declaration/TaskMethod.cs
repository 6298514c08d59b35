using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using Jug.Cloud.Graph;

namespace Jug.Cloud;

/// <summary>What identifies a task function: its name and code version, checked once per method.</summary>
internal sealed class TaskMethod
{
    private static readonly ConcurrentDictionary<MethodInfo, TaskMethod> Cache = new();

    private volatile CachedDefinition? _definition;

    private TaskMethod(MethodInfo method, string name, int version, TaskOptions options, TaskHash? codeDigest = null)
    {
        CodeDigest = codeDigest;
        Method = method;
        Name = name;
        Version = version;
        Options = options;
    }

    public MethodInfo Method { get; }

    public string Name { get; }

    public int Version { get; }

    /// <summary>The digest of the method's body when it opted in with <c>HashCode = true</c>.</summary>
    public TaskHash? CodeDigest { get; }

    /// <summary>The options every call of this method gets.</summary>
    public TaskOptions Options { get; }

    /// <summary>
    /// The definition of calls through delegates of <paramref name="function"/>'s type, its invoker made
    /// by <paramref name="createInvoker"/> the first time: every task of a method shares one, so a
    /// million-task graph holds no closure or copy of the method's details per task.
    /// </summary>
    public TaskDefinition DefinitionFor(Delegate function, Type resultType, Func<Delegate, TaskInvoker> createInvoker)
    {
        // One method is almost always called through one delegate type; another (a variant
        // conversion) gets a definition of its own, uncached.
        if (_definition is { } cached && cached.DelegateType == function.GetType())
        {
            return cached.Definition;
        }

        var definition = new TaskDefinition(Name, Method, resultType, createInvoker(function), Options);
        _definition ??= new CachedDefinition(function.GetType(), definition);
        return definition;
    }

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
        if (attribute is null)
        {
            return new TaskMethod(method, DefaultName(method), 0, TaskOptions.Default);
        }

        var name = attribute.Name ?? DefaultName(method);
        if (attribute.Attempts < 0 || attribute.TimeoutSeconds < 0 || double.IsNaN(attribute.TimeoutSeconds))
        {
            throw new JugDeclarationException($"[JugTask] on {name}: Attempts and TimeoutSeconds cannot be negative.");
        }

        if (attribute.PreferTag is not null && attribute.RequireTag is not null)
        {
            throw new JugDeclarationException($"[JugTask] on {name}: give PreferTag or RequireTag, not both.");
        }

        var options = new TaskOptions(
            attribute.Version,
            attribute.Attempts > 0 ? attribute.Attempts : null,
            attribute.TimeoutSeconds > 0 ? TimeSpan.FromSeconds(attribute.TimeoutSeconds) : null)
        {
            Placement = attribute.RequireTag is { } required ? new TaskPlacement(required, Required: true)
                : attribute.PreferTag is { } preferred ? new TaskPlacement(preferred, Required: false)
                : null,
        };
        return new TaskMethod(method, name, attribute.Version, options, attribute.HashCode ? MethodBodyHash.Of(method) : null);
    }

    private sealed record CachedDefinition(Type DelegateType, TaskDefinition Definition);

    private static string Describe(MethodInfo method) =>
        method.Name.Contains('<', StringComparison.Ordinal) ? $"a lambda in {method.DeclaringType?.Name}" : DefaultName(method);
}
