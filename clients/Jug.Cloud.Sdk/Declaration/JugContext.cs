using Jug.Cloud.Graph;

namespace Jug.Cloud;

/// <summary>
/// The graph being declared. <c>Jug.Task(...)</c> adds tasks to the context current on the calling
/// async flow, so two graphs can be built side by side in one process (each under its own
/// <see cref="Enter"/>). Code that declares tasks with no context entered gets a fresh one for its flow.
/// </summary>
public sealed class JugContext
{
    private static readonly AsyncLocal<JugContext?> CurrentContext = new();

    /// <summary>The tasks declared so far, in declaration order.</summary>
    public TaskGraph Graph { get; } = new();

    /// <summary>Runs or checks tasks at barriers and reads values; null when the graph is only being built.</summary>
    public IJugRunner? Runner { get; init; }

    /// <summary>How many barriers the jugfile passed.</summary>
    public int BarriersPassed { get; internal set; }

    /// <summary>The context that <c>Jug.Task(...)</c> declares into on this flow; created on first use.</summary>
    public static JugContext Current => CurrentContext.Value ??= new JugContext();

    /// <summary>The context on this flow, or null if none was entered or created.</summary>
    public static JugContext? CurrentOrNull => CurrentContext.Value;

    /// <summary>Makes this the current context until the returned scope is disposed.</summary>
    public Scope Enter()
    {
        var previous = CurrentContext.Value;
        CurrentContext.Value = this;
        return new Scope(previous);
    }

    /// <summary>Restores the previous context when disposed.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly JugContext? _previous;

        internal Scope(JugContext? previous) => _previous = previous;

        /// <inheritdoc />
        public void Dispose() => CurrentContext.Value = _previous;
    }
}
