using System.CommandLine;
using Jug.Cloud.Cluster;
using Jug.Cloud.Cluster.Hosting;
using Jug.Cloud.Cluster.Security;

namespace Jug.Cloud.Cli.Commands;

/// <summary>Options and arguments that several commands share.</summary>
internal static class CommonOptions
{
    public static readonly Option<string?> Jugdir = new("--jugdir")
    {
        Description = "Where results are stored: a path (default <jugfile>.jugdata beside the jugfile) or a store URI such as memory:",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Show stack traces and engine logs.",
        Recursive = true,
    };

    public static readonly Option<string?> Cluster = new("--cluster")
    {
        Description = "The cluster: redis://host:port of the Redis that holds its membership (add ?cluster=NAME to pick one of several). "
            + "With status, check, invalidate and cleanup: work on the cluster's latest run (or --run) instead of the jugfile.",
        Recursive = true,
    };

    public static readonly Option<string?> TlsCertificate = new("--tls-cert")
    {
        Description = "With --cluster: this machine's certificate with its private key, for mutual TLS with the silos (PEM holding both, PEM with a .key beside it, "
            + $"or PFX whose password is in {ClusterTlsOptions.PasswordVariable}). jugcloud cert create makes one.",
        Recursive = true,
    };

    public static readonly Option<string?> TlsAuthority = new("--tls-ca")
    {
        Description = "With --tls-cert: the fleet CA's certificate (jugcloud cert create-ca); peers must present certificates it issued (default: the system's trusted authorities).",
        Recursive = true,
    };

    public static readonly Option<string?> Run = new("--run")
    {
        Description = "With --cluster: the run to inspect (default: the latest).",
        Recursive = true,
    };

    /// <summary>The cluster address, required by commands that cannot work without one.</summary>
    public static string RequiredCluster(ParseResult parse, string command) =>
        parse.GetValue(Cluster) ?? throw new ArgumentException($"{command} needs --cluster redis://host:port.");

    /// <summary>The TLS settings --tls-cert and --tls-ca give, or null for plain TCP.</summary>
    public static ClusterTlsOptions? Tls(ParseResult parse)
    {
        var certificate = parse.GetValue(TlsCertificate);
        var authority = parse.GetValue(TlsAuthority);
        if (certificate is null)
        {
            return authority is null ? null : throw new ArgumentException("--tls-ca needs --tls-cert: with TLS, every silo and client presents a certificate of its own.");
        }

        return new ClusterTlsOptions { CertificateFile = certificate, AuthorityFile = authority };
    }

    /// <summary>Connects to the cluster --cluster names, over TLS when --tls-cert is given.</summary>
    public static Task<ClusterConnection> ConnectAsync(ParseResult parse, string cluster, CancellationToken cancellationToken) =>
        ClusterConnection.ConnectAsync(ClusterAddress.Parse(cluster), Tls(parse), cancellationToken: cancellationToken);

    public static Argument<string?> Jugfile() => new("jugfile")
    {
        Description = "The jugfile (.cs), a .csproj or a directory; default jugfile.cs in the current directory.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static Argument<string[]> JugfileArguments() => new("args")
    {
        Description = "Arguments passed to the jugfile's code.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Option<string?> Target(bool required) => new("--target")
    {
        Description = "Task name pattern: Type.Method, Method, or /regex/.",
        Required = required,
    };
}
