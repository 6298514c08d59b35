namespace Jug.Cloud.Storage;

/// <summary>
/// A store that can write a group of results more cheaply while a single process works on it. The
/// engine says when that is so (it holds the store's exclusive lease) and when it stops being so
/// (another process joined); results written either way read the same.
/// </summary>
public interface ISoloWriter
{
    /// <summary>Whether this process is now the only one running tasks on the store.</summary>
    void SetWritingAlone(bool alone);
}
