using Jug.Cloud.Cluster.Security;
using Jug.Cloud.Cluster.Workers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Jug.Cloud.Cluster.Hosting;

/// <summary>Checks a silo's cluster settings when the host starts; each message names the property.</summary>
internal sealed class JugCloudClusterOptionsValidator(IServiceProviderIsService services) : IValidateOptions<JugCloudClusterOptions>
{
    private const string Prefix = nameof(JugCloudClusterOptions);

    public ValidateOptionsResult Validate(string? name, JugCloudClusterOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Redis))
        {
            failures.Add($"{Prefix}: {nameof(options.Redis)} is required (redis://host:port?cluster=NAME).");
        }
        else
        {
            try
            {
                if (SiloExposure.Refusal(options, ClusterAddress.Parse(options.Redis)) is { } refusal)
                {
                    failures.Add(refusal);
                }
            }
            catch (ArgumentException e)
            {
                failures.Add($"{Prefix}: {nameof(options.Redis)} is not a cluster address: {e.Message}");
            }
        }

        if (options.Tls is { } tls)
        {
            try
            {
                ClusterTls.Load(tls).Dispose();
            }
            catch (ArgumentException e)
            {
                failures.Add($"{Prefix}: {nameof(options.Tls)}: {e.Message}");
            }
        }

        CheckPort(failures, nameof(options.SiloPort), options.SiloPort);
        CheckPort(failures, nameof(options.GatewayPort), options.GatewayPort);
        if (options.SiloPort != 0 && options.SiloPort == options.GatewayPort)
        {
            failures.Add($"{Prefix}: {nameof(options.SiloPort)} and {nameof(options.GatewayPort)} are both {options.SiloPort}; they must differ.");
        }

        if (!services.IsService(typeof(IRunPlanReader)))
        {
            failures.Add($"{Prefix}: no {nameof(IRunPlanReader)} service is registered; the host registers how run grains read a run's package (e.g. PackagePlanReader).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPort(List<string> failures, string property, int port)
    {
        if (port is < 0 or > 65535)
        {
            failures.Add($"{Prefix}: {property} is {port}; give a port from 1 to 65535, or 0 for a free one.");
        }
    }
}
