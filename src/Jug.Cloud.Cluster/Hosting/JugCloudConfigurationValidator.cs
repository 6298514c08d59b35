using Jug.Cloud.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Jug.Cloud.Cluster.Hosting;

/// <summary>
/// Validates the Jug.Cloud options of a silo with Orleans' own configuration checks, which run while
/// the host creates the silo, before the host's start-up validation would: so a bad setting is reported
/// by our messages (every failure at once, each naming its property) rather than by a provider
/// further down that was configured from it.
/// </summary>
internal sealed class JugCloudConfigurationValidator(IServiceProvider services) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var failures = new List<string>();
        Collect(failures, () => services.GetRequiredService<IOptions<JugCloudClusterOptions>>().Value);
        Collect(failures, () => services.GetRequiredService<IOptions<JugCloudWorkerOptions>>().Value);
        var stores = services.GetRequiredService<IOptionsMonitor<JugStoreOptions>>();
        foreach (var name in services.GetRequiredService<IJugStores>().Names)
        {
            Collect(failures, () => stores.Get(name));
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(JugCloudClusterOptions), failures);
        }
    }

    private static void Collect(List<string> failures, Func<object> read)
    {
        try
        {
            read();
        }
        catch (OptionsValidationException e)
        {
            failures.AddRange(e.Failures);
        }
    }
}
