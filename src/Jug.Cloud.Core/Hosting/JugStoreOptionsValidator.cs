using Jug.Cloud.Storage;
using Microsoft.Extensions.Options;

namespace Jug.Cloud.Hosting;

/// <summary>
/// Checks a named store's options when the host starts: a location is given, it parses, and a
/// registered provider opens its scheme. Each message names the store and the property, and shows the
/// location only redacted. Nothing is contacted: an unreachable server fails when the store opens.
/// </summary>
internal sealed class JugStoreOptionsValidator(StoreRegistry registry) : IValidateOptions<JugStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, JugStoreOptions options)
    {
        var prefix = $"{nameof(JugStoreOptions)} '{name}'";
        if (string.IsNullOrWhiteSpace(options.Uri))
        {
            return ValidateOptionsResult.Fail($"{prefix}: {nameof(JugStoreOptions.Uri)} is required (a path or a store URI such as redis://host:6379).");
        }

        StoreLocation location;
        try
        {
            location = StoreLocation.Parse(options.Uri, options.BaseDirectory);
        }
        catch (JugStoreException e)
        {
            return ValidateOptionsResult.Fail($"{prefix}: {nameof(JugStoreOptions.Uri)} is malformed: {e.Message}");
        }

        if (!registry.Schemes.Contains(location.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            var known = registry.Schemes.Count == 0 ? "none registered" : string.Join(", ", registry.Schemes.Order(StringComparer.Ordinal));
            return ValidateOptionsResult.Fail(
                $"{prefix}: {nameof(JugStoreOptions.Uri)} '{location.Redacted}' has an unknown scheme '{location.Scheme}' (registered providers: {known}).");
        }

        return ValidateOptionsResult.Success;
    }
}
