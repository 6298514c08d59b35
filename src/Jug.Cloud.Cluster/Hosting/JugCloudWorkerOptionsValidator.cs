using Jug.Cloud.Cluster.Workers;
using Jug.Cloud.Hosting;
using Jug.Cloud.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Jug.Cloud.Cluster.Hosting;

/// <summary>Checks a silo's worker settings when the host starts; each message names the property.</summary>
internal sealed class JugCloudWorkerOptionsValidator(IJugStores stores, IServiceProviderIsService services) : IValidateOptions<JugCloudWorkerOptions>
{
    private const string Prefix = nameof(JugCloudWorkerOptions);

    public ValidateOptionsResult Validate(string? name, JugCloudWorkerOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            failures.Add($"{Prefix}: {nameof(options.Name)} is required.");
        }

        if (options.DrainTimeout < TimeSpan.Zero)
        {
            failures.Add($"{Prefix}: {nameof(options.DrainTimeout)} is {options.DrainTimeout}; it must not be negative.");
        }

        if (options.Slots < 1)
        {
            failures.Add($"{Prefix}: {nameof(options.Slots)} is {options.Slots}; it must be at least 1.");
        }

        if (options.Tags.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add($"{Prefix}: {nameof(options.Tags)} holds an empty tag.");
        }

        if (options.ResultCacheBytes < 0)
        {
            failures.Add($"{Prefix}: {nameof(options.ResultCacheBytes)} is {options.ResultCacheBytes}; it must not be negative.");
        }

        CheckJugdir(failures, options);
        if (!services.IsService(typeof(IRunCodeLoader)))
        {
            failures.Add($"{Prefix}: no {nameof(IRunCodeLoader)} service is registered; the host registers how a silo loads a run's code (e.g. BundleCodeLoader).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void CheckJugdir(List<string> failures, JugCloudWorkerOptions options)
    {
        switch (options.Store, options.Jugdir)
        {
            case (null, null):
                failures.Add($"{Prefix}: {nameof(options.Store)} is required: the name of a store registered with AddJugStore, which runs naming no jugdir use (or give {nameof(options.Jugdir)}).");
                break;
            case (not null, not null):
                failures.Add($"{Prefix}: {nameof(options.Store)} and {nameof(options.Jugdir)} are both set; give one.");
                break;
            case (string store, null) when !stores.Names.Contains(store):
                var known = stores.Names.Count == 0 ? "none" : string.Join(", ", stores.Names.Order(StringComparer.Ordinal));
                failures.Add($"{Prefix}: {nameof(options.Store)} '{store}' is not a registered store (registered: {known}).");
                break;
            case (null, string jugdir):
                try
                {
                    StoreLocation.Parse(jugdir);
                }
                catch (JugStoreException e)
                {
                    failures.Add($"{Prefix}: {nameof(options.Jugdir)} is malformed: {e.Message}");
                }

                break;
        }
    }
}
