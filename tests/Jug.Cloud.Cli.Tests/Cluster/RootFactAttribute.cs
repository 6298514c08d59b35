namespace Jug.Cloud.Cli.Tests.Cluster;

/// <summary>A test that mounts a file system: it needs root (as CI has) and says so where it is skipped.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootFactAttribute : FactAttribute
{
    /// <summary>Skips the test unless the process runs as root on Linux.</summary>
    public RootFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            Skip = "mounting a small tmpfs for the jugdir needs root on Linux";
        }
    }
}
