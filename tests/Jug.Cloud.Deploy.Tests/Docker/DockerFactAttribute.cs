namespace Jug.Cloud.Deploy.Tests.Docker;

/// <summary>
/// A test that needs Docker: skipped, with the reason, when infra/docker.sh found that dockerd cannot
/// run on this machine (it exports JUGCLOUD_TEST_DOCKER_UNAVAILABLE then).
/// </summary>
public sealed class DockerFactAttribute : FactAttribute
{
    public DockerFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("JUGCLOUD_TEST_DOCKER_UNAVAILABLE") is { Length: > 0 } reason)
        {
            Skip = $"Docker cannot run here: {reason}";
        }
    }
}
