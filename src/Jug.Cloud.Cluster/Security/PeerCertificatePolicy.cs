using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Jug.Cloud.Cluster.Security;

/// <summary>
/// Whether a peer's certificate is one of the fleet's: it must chain to the fleet CA (a custom root,
/// so no other authority counts) or, without one, to the system's store. Host names are not checked:
/// silos reach each other by the addresses they advertise, and membership of the fleet is what the
/// CA vouches for.
/// </summary>
internal sealed class PeerCertificatePolicy(X509Certificate2? authority)
{
    /// <summary>Why <paramref name="certificate"/> is refused, or null if it is accepted.</summary>
    public string? Refusal(X509Certificate2 certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (authority is null)
        {
            // The system's store: the platform's own chain verdict, less the name check (see above).
            return (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None
                ? null
                : $"the certificate of '{certificate.Subject}' is not trusted by this machine's certificate store ({errors})";
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            // Intermediates the peer sent, so a chain through them can be built; only the CA is trusted.
            foreach (var element in presented.ChainElements.Skip(1))
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (chain.Build(certificate))
        {
            return null;
        }

        var status = string.Join(", ", chain.ChainStatus.Select(s => s.Status).Distinct());
        return $"the certificate of '{certificate.Subject}' (issued by '{certificate.Issuer}') does not chain to the fleet CA '{authority.Subject}' ({status})";
    }
}
