using Jug.Cloud.Hashing;

namespace Jug.Cloud.Graph;

/// <summary>
/// A task method passed as a value argument to another task (the SDK's <c>TaskFunction</c>): a graph
/// package ships it as the method it names, not as an encoded value. An implementation is generic over
/// its delegate type and has a constructor taking the delegate, through which a package reader rebuilds it.
/// </summary>
public interface ITaskFunction : IJugHashable
{
    /// <summary>The method to call.</summary>
    Delegate Function { get; }
}
