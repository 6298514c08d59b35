using Jug.Cloud.Cluster.Security;
using Microsoft.Extensions.Options;

namespace Jug.Cloud.Cluster.Hosting;

/// <summary>
/// The silo's TLS credentials, loaded once and disposed with the host; null without TLS, or when the
/// files cannot be read — the options' validation then refuses to start the silo, naming the file.
/// </summary>
internal sealed class SiloTls : IDisposable
{
    private readonly Lazy<ClusterTls?> _credentials;

    public SiloTls(IOptions<JugCloudClusterOptions> options) =>
        _credentials = new Lazy<ClusterTls?>(() => Load(options));

    public ClusterTls? Credentials => _credentials.Value;

    public void Dispose()
    {
        if (_credentials.IsValueCreated)
        {
            _credentials.Value?.Dispose();
        }
    }

    private static ClusterTls? Load(IOptions<JugCloudClusterOptions> options)
    {
        try
        {
            return options.Value.Tls is { } tls ? ClusterTls.Load(tls) : null;
        }
        catch (Exception e) when (e is ArgumentException or OptionsValidationException)
        {
            return null;
        }
    }
}
