namespace Jug.Cloud.Client;

/// <summary>
/// An exclusive lock held through an open lock file (an OS file lock, released if the process dies):
/// builds of the same jugfile by several processes, and builds that share referenced projects on one
/// machine, take turns instead of overwriting each other's intermediate files.
/// </summary>
internal sealed class BuildLock : IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(15);

    private readonly FileStream _file;

    private BuildLock(FileStream file) => _file = file;

    /// <summary>The lock every jugfile build of this user on this machine takes.</summary>
    public static string MachineLockPath =>
        Path.Combine(Path.GetTempPath(), $"jugcloud-build-{Environment.UserName}.lock");

    /// <summary>Waits until the lock at <paramref name="path"/> is free and takes it.</summary>
    /// <exception cref="JugfileException">Another process held it for longer than a build can take.</exception>
    public static async Task<BuildLock> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + GiveUpAfter;
        while (true)
        {
            try
            {
                return new BuildLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Held by another build: wait for it.
                await Task.Delay(RetryDelay, cancellationToken);
            }
            catch (IOException e)
            {
                throw new JugfileException($"Gave up waiting for another jugfile build to release '{path}'.", e);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();
}
