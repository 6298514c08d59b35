namespace Jug.Cloud.Hosting;

/// <summary>The names given to <c>AddJugStore</c>, collected as options so that registration order does not matter.</summary>
internal sealed class JugStoreNames
{
    public HashSet<string> Names { get; } = new(StringComparer.Ordinal);
}
